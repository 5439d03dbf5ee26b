-- Password changes outside a recovery flow need a fresh code from `GET /reauthenticate` (issue 9 §6,
-- docs/decisions/009-password-change-reauthentication.md). Hosted Auth checks that code only when
-- the session is older than 24 hours, so the portal checks it itself, here, before it asks Auth to
-- change the password. Only the Remix server calls this, with the service-role key.

-- ---------------------------------------------------------------------------------------------
-- Wrong guesses per code

create table private.reauthentication_attempts (
  user_id uuid primary key references auth.users (id) on delete cascade,
  code_sent_at timestamptz not null,
  failures integer not null default 0 check (failures >= 0)
);

comment on table private.reauthentication_attempts is
  'Wrong reauthentication codes per user, counted for the code mailed at code_sent_at; a new code starts again at zero.';

revoke all on table private.reauthentication_attempts from public, anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- The check

/**
 * Is `p_nonce` the code Auth last mailed this user from `GET /reauthenticate`, sent no more than
 * `p_max_age_seconds` ago? Auth stores the code as lower-case hex SHA-224(email || code) in
 * `auth.users.reauthentication_token` (GoTrue's `crypto.GenerateTokenHash`), and clears it once a
 * password is set, so a used code no longer matches. Returns:
 * - 'valid': the code matches; nothing is consumed (Auth clears it when the password changes);
 * - 'invalid': wrong code, or no code pending; counts one failure against the pending code;
 * - 'expired': the pending code is older than `p_max_age_seconds`;
 * - 'locked': five wrong guesses on this code; only a new code helps.
 * A 6-digit code has a million values, so five guesses per mailed code (mails are themselves
 * limited by Auth's max_frequency) keep guessing hopeless.
 * Security definer: it reads `auth.users`, which the API roles cannot; the lock on the attempts
 * row serialises parallel guesses for one user. Called through the public wrapper below.
 */
create or replace function private.check_reauthentication_nonce(p_user_id uuid, p_nonce text, p_max_age_seconds integer)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  pending record;
  failed integer;
begin
  if p_user_id is null or p_nonce is null or p_nonce !~ '^[0-9]{6,10}$' then
    return 'invalid';
  end if;
  if p_max_age_seconds is null or p_max_age_seconds < 1 or p_max_age_seconds > 86400 then
    raise exception 'check_reauthentication_nonce: max age must be between 1 and 86400 seconds' using errcode = '22023';
  end if;

  select u.email, u.reauthentication_token as token, u.reauthentication_sent_at as sent_at
    into pending
    from auth.users u
   where u.id = p_user_id;
  if not found or coalesce(pending.token, '') = '' or pending.sent_at is null or coalesce(pending.email, '') = '' then
    return 'invalid';
  end if;

  insert into private.reauthentication_attempts as a (user_id, code_sent_at, failures)
  values (p_user_id, pending.sent_at, 0)
  on conflict (user_id) do update
    set code_sent_at = excluded.code_sent_at,
        failures = case when a.code_sent_at = excluded.code_sent_at then a.failures else 0 end
  returning a.failures into failed;

  if failed >= 5 then
    return 'locked';
  end if;
  if pending.sent_at + pg_catalog.make_interval(secs => p_max_age_seconds) < pg_catalog.clock_timestamp() then
    return 'expired';
  end if;
  if pending.token in (
    pg_catalog.encode(pg_catalog.sha224(pg_catalog.convert_to(pending.email || p_nonce, 'UTF8')), 'hex'),
    'pkce_' || pg_catalog.encode(pg_catalog.sha224(pg_catalog.convert_to(pending.email || p_nonce, 'UTF8')), 'hex')
  ) then
    return 'valid';
  end if;

  update private.reauthentication_attempts set failures = failures + 1 where user_id = p_user_id;
  return 'invalid';
end;
$$;

revoke all on function private.check_reauthentication_nonce(uuid, text, integer) from public, anon, authenticated;
grant execute on function private.check_reauthentication_nonce(uuid, text, integer) to service_role;

/** The API entry point for the check above: invoker's rights, executable by the service role only. */
create or replace function public.check_reauthentication_nonce(p_user_id uuid, p_nonce text, p_max_age_seconds integer)
returns text
language sql
volatile
set search_path = ''
as $$ select private.check_reauthentication_nonce(p_user_id, p_nonce, p_max_age_seconds) $$;

comment on function public.check_reauthentication_nonce(uuid, text, integer) is
  'Service role only: whether a code is the one GET /reauthenticate last mailed the user (valid | invalid | expired | locked).';

revoke all on function public.check_reauthentication_nonce(uuid, text, integer) from public, anon, authenticated;
grant execute on function public.check_reauthentication_nonce(uuid, text, integer) to service_role;
