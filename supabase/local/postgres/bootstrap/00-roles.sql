-- Platform roles, shaped like Supabase's (attributes, memberships, per-role settings).
-- Written for this project; roles are cluster-global, so every statement is idempotent.

do $$
declare
  r record;
begin
  for r in
    select * from (values
      ('supabase_admin',             'superuser login createdb createrole replication bypassrls'),
      ('anon',                       'nologin inherit'),
      ('authenticated',              'nologin inherit'),
      ('service_role',               'nologin inherit bypassrls'),
      ('authenticator',              'login noinherit'),
      ('supabase_auth_admin',        'login noinherit createrole'),
      ('supabase_storage_admin',     'login noinherit'),
      -- Placeholders, so that `grant … to X` in migrations written for hosted Supabase works.
      ('dashboard_user',             'nologin'),
      ('pgbouncer',                  'login'),
      ('supabase_replication_admin', 'login replication'),
      ('supabase_read_only_user',    'login'),
      ('supabase_functions_admin',   'nologin')
    ) as roles(name, attributes)
  loop
    if not exists (select 1 from pg_roles where rolname = r.name) then
      execute format('create role %I %s', r.name, r.attributes);
    end if;
  end loop;
end
$$;

-- Every login role's password is the CLI's well-known local one.
alter role postgres with password 'postgres';
alter role supabase_admin with password 'postgres';
alter role authenticator with password 'postgres';
alter role supabase_auth_admin with password 'postgres';
alter role supabase_storage_admin with password 'postgres';
alter role pgbouncer with password 'postgres';
alter role supabase_replication_admin with password 'postgres';
alter role supabase_read_only_user with password 'postgres';

-- PostgREST logs in as authenticator and switches to the role named in the JWT.
grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role, supabase_auth_admin, supabase_storage_admin to postgres;
grant pg_read_all_data to supabase_read_only_user;

-- Timeouts apply to API traffic only: PostgREST applies the impersonated role's settings per request.
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';
alter role authenticator set statement_timeout = '8s';
alter role authenticator set lock_timeout = '8s';

alter role postgres set search_path = "$user", public, extensions;
alter role supabase_auth_admin set search_path = auth;
alter role supabase_storage_admin set search_path = storage;
