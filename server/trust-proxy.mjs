// TRUST_PROXY as Express's `trust proxy`: only a hop count. `true` would make req.ip the first
// X-Forwarded-For entry, which any client can write; names and address lists are easy to get
// subtly wrong behind a cloud load balancer. Unset or 0 means nothing in front of us is trusted.

export function trustProxySetting(value) {
  if (value === undefined || value.trim() === '') return 0
  if (!/^\d+$/.test(value.trim())) {
    throw new Error(`TRUST_PROXY must be the number of proxies in front of the portal (e.g. 1), not "${value}"`)
  }
  return Number(value.trim())
}
