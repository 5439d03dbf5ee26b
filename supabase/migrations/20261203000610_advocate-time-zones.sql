-- Advocate time zones (issue 10 §5, ADR 013). Dates were shown and snoozes ended in UTC, so an
-- advocate in Sydney saw yesterday's date every morning. Each profile now carries the IANA zone
-- its browser reports; the portal shows every date, and counts snooze days, in that zone.

/**
 * True when `tz` is an IANA zone name Postgres knows ('Australia/Sydney', 'UTC'). Postgres also
 * accepts POSIX specs such as 'abc+3' for `at time zone`, which no browser reports and Intl
 * rejects, so the name must look like an IANA name first (letters, digits, _ - + in
 * slash-separated parts, no leading sign) and then convert a timestamp without an error.
 * Immutable: the answer depends only on the installed tz database, which changes with a Postgres
 * upgrade, not between calls; check constraints run with the writer's rights, hence the grant.
 */
create or replace function private.is_time_zone(tz text)
returns boolean
language plpgsql
immutable
set search_path = ''
as $$
begin
  if tz is null or char_length(tz) > 64 or tz !~ '^[A-Za-z][A-Za-z0-9_-]*(/[A-Za-z0-9_+-]+)*$' then
    return false;
  end if;
  perform timestamptz '2000-01-01 00:00:00+00' at time zone tz;
  return true;
exception when invalid_parameter_value then
  return false;
end;
$$;
revoke all on function private.is_time_zone(text) from public, anon, authenticated;
grant execute on function private.is_time_zone(text) to authenticated, service_role;

alter table public.profiles
  add column time_zone text not null default 'UTC',
  add constraint profiles_time_zone_check check (private.is_time_zone(time_zone));

comment on column public.profiles.time_zone is
  'IANA zone the advocate''s browser reports (Intl resolvedOptions().timeZone); every date is shown, and snooze days counted, in it. UTC until the browser first reports one.';

-- The owner may set their own zone (profiles_update_own already limits the row to their own);
-- no other column grant changes.
grant update (time_zone) on table public.profiles to authenticated;
