-- Secure by default: nothing in `public` is reachable through the API until a migration grants
-- it on purpose, and every helper that policies call lives in a private, unexposed schema.

-- New functions are not executable by the API roles unless granted explicitly.
alter default privileges in schema public revoke execute on functions from public;
alter default privileges in schema public revoke execute on functions from anon, authenticated;
-- Tables are granted table by table; anon gets nothing by default.
alter default privileges in schema public revoke all on tables from anon;
alter default privileges in schema public revoke all on sequences from anon;

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

/**
 * True when the caller's JWT says they are a program admin. `app_metadata` can only be written
 * by the service role, so this cannot be self-granted (unlike `user_metadata`).
 */
create or replace function private.is_admin()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb -> 'app_metadata' ->> 'role') = 'admin',
    false
  )
$$;
revoke all on function private.is_admin() from public;
grant execute on function private.is_admin() to authenticated, service_role;

/** `/healthz` calls this through PostgREST: a 200 proves the API reaches Postgres. */
create or replace function public.healthz()
returns text
language sql
stable
set search_path = ''
as $$ select 'ok'::text $$;
revoke all on function public.healthz() from public;
grant execute on function public.healthz() to anon, authenticated, service_role;
