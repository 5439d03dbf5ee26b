-- Shared rate-limit counters (issue 9 §3–4, docs/decisions/008-shared-rate-limits.md): the portal
-- runs as several instances behind a load balancer, so the limits that matter (sign-in actions per
-- IP, code attempts and mails per address) are counted here rather than in each process. Only the
-- Remix server calls this, with the service-role key; nothing here is reachable by anon or
-- authenticated.

-- ---------------------------------------------------------------------------------------------
-- The counters

create table private.rate_limit_counters (
  bucket text not null check (char_length(bucket) between 1 and 64),
  key text not null check (char_length(key) between 1 and 128),
  hits integer not null check (hits >= 0),
  reset_at timestamptz not null,
  primary key (bucket, key)
);

comment on table private.rate_limit_counters is
  'One fixed window per (bucket, key): the window starts with the first hit and lasts the bucket''s window; rows whose window has passed are reset on the next hit and deleted opportunistically.';
comment on column private.rate_limit_counters.key is
  'What is limited: a client IP, or the SHA-256 of a lower-cased e-mail address (never the address itself).';
comment on column private.rate_limit_counters.reset_at is
  'When the window ends and the count starts again.';

create index rate_limit_counters_reset_at_idx on private.rate_limit_counters (reset_at);

revoke all on table private.rate_limit_counters from public, anon, authenticated;
grant select, insert, update, delete on table private.rate_limit_counters to service_role;

-- ---------------------------------------------------------------------------------------------
-- The one call per limited request

/**
 * Counts one hit against (bucket, key) and says whether it is over `p_limit` for a window of
 * `p_window_seconds` that started with the window's first hit. Atomic: the upsert takes the row
 * lock, so parallel hits from several portal instances are each counted exactly once.
 * Returns the count including this hit, whether it is over the limit, and the seconds until the
 * window ends (for Retry-After). About one call in fifty also deletes a batch of windows that
 * ended over an hour ago, so the table stays small without a scheduled job.
 * Invoker's rights on purpose: only service_role may execute it, and only service_role may touch
 * the table, so there is nothing to elevate.
 */
create or replace function public.hit_rate_limit(p_bucket text, p_key text, p_limit integer, p_window_seconds integer)
returns table (hits integer, limited boolean, retry_after_seconds integer)
language plpgsql
volatile
set search_path = ''
as $$
declare
  counted integer;
  ends_at timestamptz;
begin
  if p_limit is null or p_limit < 1 or p_window_seconds is null or p_window_seconds < 1 or p_window_seconds > 86400 then
    raise exception 'hit_rate_limit: limit must be >= 1 and window between 1 and 86400 seconds' using errcode = '22023';
  end if;

  insert into private.rate_limit_counters as c (bucket, key, hits, reset_at)
  values (p_bucket, p_key, 1, pg_catalog.clock_timestamp() + pg_catalog.make_interval(secs => p_window_seconds))
  on conflict (bucket, key) do update
    set hits = case when c.reset_at <= pg_catalog.clock_timestamp() then 1 else c.hits + 1 end,
        reset_at = case when c.reset_at <= pg_catalog.clock_timestamp() then excluded.reset_at else c.reset_at end
  returning c.hits, c.reset_at into counted, ends_at;

  if pg_catalog.random() < 0.02 then
    delete from private.rate_limit_counters old
     where (old.bucket, old.key) in (
       select o.bucket, o.key from private.rate_limit_counters o
        where o.reset_at < pg_catalog.clock_timestamp() - interval '1 hour'
        limit 500
     );
  end if;

  return query select counted, counted > p_limit,
    greatest(1, pg_catalog.ceil(extract(epoch from ends_at - pg_catalog.clock_timestamp()))::integer);
end;
$$;

comment on function public.hit_rate_limit(text, text, integer, integer) is
  'Service role only: counts one request against a shared rate limit and returns (hits, limited, retry_after_seconds).';

revoke all on function public.hit_rate_limit(text, text, integer, integer) from public, anon, authenticated;
grant execute on function public.hit_rate_limit(text, text, integer, integer) to service_role;
