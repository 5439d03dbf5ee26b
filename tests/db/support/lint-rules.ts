/**
 * Supabase's database linter (splinter) rules, re-written as our own `pg_catalog` queries, plus
 * three house rules (H…). Each query returns `{ object, detail }` rows, one per finding.
 *
 * Parameters: `$1` the API schemas (`[api] schemas`: what PostgREST exposes), `$2` the platform
 * schemas, whose objects the platform (not our migrations) owns. "App schemas" are all others
 * (public, private, …). Each rule carries a `violation`: SQL that creates an offending object,
 * so the tests can prove the query finds what it is meant to find.
 */

export type LintLevel = 'ERROR' | 'WARN' | 'INFO'

export interface LintRule {
  id: string
  name: string
  level: LintLevel
  /** ERROR and WARN fail the build; INFO is reported, except where we chose to enforce it. */
  fails: boolean
  checks: string
  sql: string
  /** Creates one offending object (run in a rolled-back transaction); null when impossible here. */
  violation: string | null
  /** A finding whose `object` equals this must appear once `violation` ran. */
  expectObject: string
}

export const PLATFORM_SCHEMAS = [
  'auth',
  'storage',
  'extensions',
  'supabase_migrations',
  'graphql',
  'graphql_public',
  'realtime',
  'vault',
  'pgsodium',
  'pgsodium_masks',
  'net',
  'cron',
  'supabase_functions',
  'pgbouncer',
  'pgtle',
  '_realtime',
  '_analytics',
  'information_schema',
]

/** `n` is an app schema: not the platform's, not Postgres' own (pg_catalog, pg_toast, pg_temp_N). */
const APP = (n: string) => `(${n}.nspname <> all($2::text[]) and ${n}.nspname !~ '^pg_')`
/** `n` is a schema PostgREST exposes. */
const API = (n: string) => `(${n}.nspname = any($1::text[]))`
/** Policies: app code even on platform tables (e.g. storage.objects), so only Postgres' own are skipped. */
const NOT_SYSTEM = (n: string) => `(${n}.nspname <> 'information_schema' and ${n}.nspname !~ '^pg_')`
const NOT_EXTENSION_MEMBER = (catalog: string, oid: string) =>
  `not exists (select 1 from pg_depend e where e.classid = '${catalog}'::regclass and e.objid = ${oid} and e.deptype = 'e')`
const API_ROLE_CAN_SELECT = (oid: string) =>
  `(has_table_privilege('anon', ${oid}, 'select') or has_table_privilege('authenticated', ${oid}, 'select'))`
const REL = `format('%I.%I', n.nspname, c.relname)`
/** Policies with their table, schema and deparsed expressions. */
const POLICIES = `
  select pol.*, c.relname, n.nspname, c.oid as relid,
         coalesce(pg_get_expr(pol.polqual, pol.polrelid), '') as qual,
         coalesce(pg_get_expr(pol.polwithcheck, pol.polrelid), '') as with_check
    from pg_policy pol join pg_class c on c.oid = pol.polrelid join pg_namespace n on n.oid = c.relnamespace`

/**
 * Functions in API schemas that anon may execute, on purpose. Anything else anon can call is a
 * finding (H004): a signed-out visitor reaches only what this list names.
 */
export const ANON_EXECUTABLE_FUNCTIONS = ['public.healthz()']

export const LINT_RULES: LintRule[] = [
  {
    id: '0001',
    name: 'unindexed_foreign_keys',
    level: 'INFO',
    fails: true,
    checks:
      'Foreign keys in app schemas whose columns are not the leading columns of a valid, non-partial index (joins and cascades scan).',
    sql: `
      select ${REL} as object, con.conname as detail
        from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
       where con.contype = 'f' and ${APP('n')}
         and not exists (
           select 1 from pg_index i
            where i.indrelid = con.conrelid and i.indisvalid and i.indpred is null
              and (i.indkey::int2[])[0:cardinality(con.conkey) - 1] @> con.conkey
              and (i.indkey::int2[])[0:cardinality(con.conkey) - 1] <@ con.conkey)`,
    violation: `
      create table lint_fixture.parents (id uuid primary key);
      create table lint_fixture.children (id uuid primary key, parent_id uuid references lint_fixture.parents);`,
    expectObject: 'lint_fixture.children',
  },
  {
    id: '0002',
    name: 'auth_users_exposed',
    level: 'ERROR',
    fails: true,
    checks: 'Views or materialized views in API schemas that read auth.users and that anon or authenticated can select.',
    sql: `
      select distinct ${REL} as object, 'reads auth.users' as detail
        from pg_depend d
        join pg_rewrite r on r.oid = d.objid
        join pg_class c on c.oid = r.ev_class
        join pg_namespace n on n.oid = c.relnamespace
       where d.classid = 'pg_rewrite'::regclass and d.refclassid = 'pg_class'::regclass
         and d.refobjid = 'auth.users'::regclass and c.relkind in ('v', 'm')
         and ${API('n')} and ${API_ROLE_CAN_SELECT('c.oid')}`,
    violation: `
      create view public.lint_users with (security_invoker = true) as select id, email from auth.users;
      grant select on public.lint_users to authenticated;`,
    expectObject: 'public.lint_users',
  },
  {
    id: '0003',
    name: 'auth_rls_initplan',
    level: 'WARN',
    fails: true,
    checks:
      'Policies calling auth.*() or private.*() helpers with no arguments, or current_setting(), outside a (select …) wrapper, so they run per row instead of once.',
    sql: `
      with p as (${POLICIES}), texts as (select p.*, p.qual || ' ' || p.with_check as expr from p)
      select format('%I.%I', nspname, relname) as object, polname as detail
        from texts
       where ${NOT_SYSTEM('texts')}
         and regexp_count(expr, '\\m(auth|private)\\.\\w+\\(\\)|\\mcurrent_setting\\(')
           > regexp_count(expr, '\\( SELECT \\(*((auth|private)\\.\\w+\\(\\)|current_setting\\()')`,
    violation: `
      create table lint_fixture.notes (id uuid primary key, owner_id uuid);
      create index on lint_fixture.notes (owner_id);
      alter table lint_fixture.notes enable row level security;
      create policy notes_select_own on lint_fixture.notes for select to authenticated using (owner_id = auth.uid());`,
    expectObject: 'lint_fixture.notes',
  },
  {
    id: '0006',
    name: 'multiple_permissive_policies',
    level: 'WARN',
    fails: true,
    checks: 'More than one permissive policy for the same table, role (anon, authenticated; `public` counts for both) and command.',
    sql: `
      with p as (${POLICIES}),
      roles(role) as (values ('anon'), ('authenticated')),
      cmds(cmd) as (values ('r'), ('a'), ('w'), ('d'))
      select format('%I.%I', p.nspname, p.relname) as object,
             format('%s %s: %s', roles.role,
                    case cmds.cmd when 'r' then 'select' when 'a' then 'insert' when 'w' then 'update' else 'delete' end,
                    string_agg(p.polname, ', ' order by p.polname)) as detail
        from p cross join roles cross join cmds
       where ${NOT_SYSTEM('p')} and p.polpermissive
         and (p.polcmd = cmds.cmd or p.polcmd = '*')
         and (0 = any(p.polroles) or exists (select 1 from unnest(p.polroles) r where pg_has_role(roles.role, r, 'member')))
       group by p.nspname, p.relname, roles.role, cmds.cmd
      having count(*) > 1`,
    violation: `
      create table lint_fixture.posts (id uuid primary key, author_id uuid);
      alter table lint_fixture.posts enable row level security;
      create policy posts_select_own on lint_fixture.posts for select to authenticated using (author_id = (select auth.uid()));
      create policy posts_select_admin on lint_fixture.posts for select to authenticated using ((select private.is_admin()));`,
    expectObject: 'lint_fixture.posts',
  },
  {
    id: '0007',
    name: 'policy_exists_rls_disabled',
    level: 'ERROR',
    fails: true,
    checks: 'Tables that have policies while row-level security is off (the policies silently do nothing).',
    sql: `
      select ${REL} as object, string_agg(pol.polname, ', ' order by pol.polname) as detail
        from pg_policy pol join pg_class c on c.oid = pol.polrelid join pg_namespace n on n.oid = c.relnamespace
       where not c.relrowsecurity and ${NOT_SYSTEM('n')}
       group by n.nspname, c.relname`,
    violation: `
      create table lint_fixture.drafts (id uuid primary key);
      create policy drafts_select_all on lint_fixture.drafts for select to authenticated using (true);`,
    expectObject: 'lint_fixture.drafts',
  },
  {
    id: '0008',
    name: 'rls_enabled_no_policy',
    level: 'INFO',
    fails: false,
    checks: 'API-schema tables with RLS on and no policy: the API sees nothing (fine for service-role-only tables).',
    sql: `
      select ${REL} as object, 'no policies' as detail
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind in ('r', 'p') and c.relrowsecurity and ${API('n')}
         and not exists (select 1 from pg_policy pol where pol.polrelid = c.oid)`,
    violation: `
      create table public.lint_locked (id uuid primary key);
      alter table public.lint_locked enable row level security;`,
    expectObject: 'public.lint_locked',
  },
  {
    id: '0009',
    name: 'duplicate_index',
    level: 'WARN',
    fails: true,
    checks: 'Two or more indexes in app schemas with the same definition (apart from the name).',
    sql: `
      select ${REL} as object, string_agg(ic.relname, ', ' order by ic.relname) as detail
        from pg_index i
        join pg_class ic on ic.oid = i.indexrelid
        join pg_class c on c.oid = i.indrelid
        join pg_namespace n on n.oid = c.relnamespace
       where ${APP('n')}
       group by n.nspname, c.relname, regexp_replace(pg_get_indexdef(i.indexrelid), '^CREATE (UNIQUE )?INDEX \\S+ ON ', 'CREATE \\1INDEX ON ')
      having count(*) > 1`,
    violation: `
      create table lint_fixture.tags (id uuid primary key, label text);
      create index tags_label_a on lint_fixture.tags (label);
      create index tags_label_b on lint_fixture.tags (label);`,
    expectObject: 'lint_fixture.tags',
  },
  {
    id: '0010',
    name: 'security_definer_view',
    level: 'ERROR',
    fails: true,
    checks: "Views in API schemas without security_invoker = true (they would run with the owner's rights and bypass RLS).",
    sql: `
      select ${REL} as object, 'security_invoker is not set' as detail
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind = 'v' and ${API('n')} and ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}
         and not exists (select 1 from unnest(coalesce(c.reloptions, '{}')) o where o ~* '^security_invoker=(true|on|yes|1)$')`,
    violation: `create view public.lint_definer_view as select 1 as one;`,
    expectObject: 'public.lint_definer_view',
  },
  {
    id: '0011',
    name: 'function_search_path_mutable',
    level: 'WARN',
    fails: true,
    checks: "Functions and procedures in app schemas without a pinned search_path (SET search_path = '').",
    sql: `
      select format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as object, p.prosrc as detail
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where p.prokind in ('f', 'p') and ${APP('n')} and ${NOT_EXTENSION_MEMBER('pg_proc', 'p.oid')}
         and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) s where s like 'search_path=%')`,
    violation: `create function lint_fixture.answer() returns int language sql as $$ select 42 $$;`,
    expectObject: 'lint_fixture.answer()',
  },
  {
    id: '0013',
    name: 'rls_disabled_in_public',
    level: 'ERROR',
    fails: true,
    checks: 'Tables in API schemas with row-level security off.',
    sql: `
      select ${REL} as object, 'row-level security is off' as detail
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind in ('r', 'p') and not c.relrowsecurity and ${API('n')}`,
    violation: `create table public.lint_open (id uuid primary key);`,
    expectObject: 'public.lint_open',
  },
  {
    id: '0014',
    name: 'extension_in_public',
    level: 'WARN',
    fails: true,
    checks: 'Extensions installed into an API schema (their functions become API surface); use `with schema extensions`.',
    sql: `
      select x.extname as object, n.nspname as detail
        from pg_extension x join pg_namespace n on n.oid = x.extnamespace
       where ${API('n')}`,
    violation: `create extension citext with schema public;`,
    expectObject: 'citext',
  },
  {
    id: '0015',
    name: 'rls_references_user_metadata',
    level: 'ERROR',
    fails: true,
    checks: 'Policies that read user_metadata (which users can write themselves), directly or through a function the policy calls.',
    sql: `
      with p as (${POLICIES})
      select format('%I.%I', p.nspname, p.relname) as object, p.polname as detail
        from p
       where ${NOT_SYSTEM('p')}
         and ((p.qual || ' ' || p.with_check) ~* 'user_?meta_?data'
              or exists (select 1 from pg_depend d join pg_proc f on f.oid = d.refobjid
                          where d.classid = 'pg_policy'::regclass and d.objid = p.oid
                            and d.refclassid = 'pg_proc'::regclass and f.prosrc ~* 'user_?meta_?data'))`,
    violation: `
      create table lint_fixture.secrets (id uuid primary key);
      alter table lint_fixture.secrets enable row level security;
      create policy secrets_select_admin on lint_fixture.secrets for select to authenticated
        using (((select auth.jwt()) -> 'user_metadata' ->> 'role') = 'admin');`,
    expectObject: 'lint_fixture.secrets',
  },
  {
    id: '0016',
    name: 'materialized_view_in_api',
    level: 'WARN',
    fails: true,
    checks: 'Materialized views in API schemas that anon or authenticated can select (no RLS applies to them).',
    sql: `
      select ${REL} as object, 'selectable by an API role' as detail
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind = 'm' and ${API('n')} and ${API_ROLE_CAN_SELECT('c.oid')}`,
    violation: `
      create materialized view public.lint_counts as select 1 as n;
      grant select on public.lint_counts to authenticated;`,
    expectObject: 'public.lint_counts',
  },
  {
    id: '0017',
    name: 'foreign_table_in_api',
    level: 'WARN',
    fails: true,
    checks: 'Foreign tables in API schemas that anon or authenticated can select (no RLS applies to them).',
    sql: `
      select ${REL} as object, 'selectable by an API role' as detail
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind = 'f' and ${API('n')} and ${API_ROLE_CAN_SELECT('c.oid')}`,
    violation: `
      create extension file_fdw with schema extensions;
      create server lint_files foreign data wrapper file_fdw;
      create foreign table public.lint_remote (line text) server lint_files options (filename '/dev/null');
      grant select on public.lint_remote to anon;`,
    expectObject: 'public.lint_remote',
  },
  {
    id: '0018',
    name: 'unsupported_reg_types',
    level: 'WARN',
    fails: true,
    checks: 'Columns in app schemas of reg* types that pg_upgrade cannot carry over (regproc, regoper, regconfig, …).',
    sql: `
      select ${REL} as object, format('%s %s', a.attname, format_type(a.atttypid, a.atttypmod)) as detail
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
       where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'm') and ${APP('n')}
         and a.atttypid in ('regcollation'::regtype, 'regconfig'::regtype, 'regdictionary'::regtype,
                            'regnamespace'::regtype, 'regoper'::regtype, 'regoperator'::regtype,
                            'regproc'::regtype, 'regprocedure'::regtype)`,
    violation: `create table lint_fixture.hooks (id uuid primary key, handler regproc);`,
    expectObject: 'lint_fixture.hooks',
  },
  {
    id: '0023',
    name: 'sensitive_columns_exposed',
    level: 'ERROR',
    fails: true,
    checks:
      'API-schema tables with RLS off that an API role can select and that hold credential- or PII-like columns (password, token, secret, api_key, email, phone, ssn, …).',
    sql: `
      select ${REL} as object, string_agg(a.attname, ', ' order by a.attname) as detail
        from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid
       where c.relkind in ('r', 'p') and not c.relrowsecurity and ${API('n')} and ${API_ROLE_CAN_SELECT('c.oid')}
         and a.attnum > 0 and not a.attisdropped
         and a.attname ~* '(^|_)(password|passwd|pwd|secret|token|api_?key|private_?key|ssn|social_security|tax_id|credit_card|card_number|cvv|iban|bank_account|passport|driver_?licen[cs]e|dob|date_of_birth|birth_?date|email|phone|mobile|address|ip_address)($|_)'
       group by n.nspname, c.relname`,
    violation: `
      create table public.lint_accounts (id uuid primary key, email text, password_hash text);
      grant select on public.lint_accounts to anon;`,
    expectObject: 'public.lint_accounts',
  },
  {
    id: '0024',
    name: 'rls_policy_always_true',
    level: 'WARN',
    fails: true,
    checks: 'Permissive INSERT, UPDATE, DELETE or ALL policies whose USING or WITH CHECK is literally true.',
    sql: `
      with p as (${POLICIES})
      select format('%I.%I', p.nspname, p.relname) as object, p.polname as detail
        from p
       where ${NOT_SYSTEM('p')} and p.polpermissive and p.polcmd in ('a', 'w', 'd', '*')
         and (p.qual = 'true' or p.with_check = 'true')`,
    violation: `
      create table lint_fixture.votes (id uuid primary key);
      alter table lint_fixture.votes enable row level security;
      create policy votes_insert_anyone on lint_fixture.votes for insert to authenticated with check (true);`,
    expectObject: 'lint_fixture.votes',
  },
  {
    id: '0028',
    name: 'anon_security_definer_function_executable',
    level: 'WARN',
    fails: true,
    checks: 'SECURITY DEFINER functions in API schemas that anon can execute (callable as /rest/v1/rpc/…, bypassing RLS).',
    sql: `
      select format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as object, 'anon can execute' as detail
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where p.prosecdef and ${API('n')} and has_function_privilege('anon', p.oid, 'execute')`,
    violation: `
      create function public.lint_definer() returns int language sql security definer set search_path = '' as $$ select 1 $$;
      grant execute on function public.lint_definer() to anon;`,
    expectObject: 'public.lint_definer()',
  },
  {
    id: '0029',
    name: 'authenticated_security_definer_function_executable',
    level: 'WARN',
    fails: true,
    checks: 'SECURITY DEFINER functions in API schemas that authenticated can execute; put them in `private`.',
    sql: `
      select format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as object, 'authenticated can execute' as detail
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where p.prosecdef and ${API('n')} and has_function_privilege('authenticated', p.oid, 'execute')`,
    violation: `
      create function public.lint_definer() returns int language sql security definer set search_path = '' as $$ select 1 $$;
      grant execute on function public.lint_definer() to authenticated;`,
    expectObject: 'public.lint_definer()',
  },
  {
    id: 'H001',
    name: 'policy_without_role',
    level: 'WARN',
    fails: true,
    checks: 'Policies not scoped with `to authenticated` / `to anon` (the default `public` also applies to every other role).',
    sql: `
      with p as (${POLICIES})
      select format('%I.%I', p.nspname, p.relname) as object, p.polname as detail
        from p where ${NOT_SYSTEM('p')} and 0 = any(p.polroles)`,
    violation: `
      create table lint_fixture.events (id uuid primary key);
      alter table lint_fixture.events enable row level security;
      create policy events_select_members on lint_fixture.events for select using ((select auth.uid()) is not null);`,
    expectObject: 'lint_fixture.events',
  },
  {
    id: 'H002',
    name: 'policy_name_convention',
    level: 'WARN',
    fails: true,
    checks: "Policy names follow <table>_<command>_<audience> with the policy's own command (house style §3).",
    sql: `
      with p as (${POLICIES})
      select format('%I.%I', p.nspname, p.relname) as object, p.polname as detail
        from p
       where ${NOT_SYSTEM('p')}
         and p.polname !~ ('^' || p.relname || '_' ||
               case p.polcmd when 'r' then 'select' when 'a' then 'insert' when 'w' then 'update' when 'd' then 'delete' else 'all' end
               || '_[a-z0-9_]+$')`,
    violation: `
      create table lint_fixture.badges (id uuid primary key);
      alter table lint_fixture.badges enable row level security;
      create policy "Badges are readable" on lint_fixture.badges for select to authenticated using (true);`,
    expectObject: 'lint_fixture.badges',
  },
  {
    id: 'H003',
    name: 'policy_column_unindexed',
    level: 'WARN',
    fails: true,
    checks: 'Columns a policy filters on that lead no valid, non-partial index (RLS performance rule 1).',
    sql: `
      with p as (${POLICIES})
      select format('%I.%I', p.nspname, p.relname) as object, format('%s: %s', p.polname, a.attname) as detail
        from p
        join pg_depend d on d.classid = 'pg_policy'::regclass and d.objid = p.oid
                        and d.refclassid = 'pg_class'::regclass and d.refobjid = p.relid and d.refobjsubid > 0
        join pg_attribute a on a.attrelid = p.relid and a.attnum = d.refobjsubid
       where ${NOT_SYSTEM('p')}
         and not exists (select 1 from pg_index i
                          where i.indrelid = p.relid and i.indisvalid and i.indpred is null and i.indkey[0] = a.attnum)`,
    violation: `
      create table lint_fixture.rsvps (id uuid primary key, profile_id uuid);
      alter table lint_fixture.rsvps enable row level security;
      create policy rsvps_select_own on lint_fixture.rsvps for select to authenticated using (profile_id = (select auth.uid()));`,
    expectObject: 'lint_fixture.rsvps',
  },
  {
    id: 'H004',
    name: 'anon_executable_function',
    level: 'ERROR',
    fails: true,
    checks: `Functions in API schemas that anon can execute, other than ${ANON_EXECUTABLE_FUNCTIONS.join(', ')} (issue 9 §7).`,
    sql: `
      select format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as object,
             'executable by anon' as detail
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where ${API('n')} and ${NOT_EXTENSION_MEMBER('pg_proc', 'p.oid')}
         and has_function_privilege('anon', p.oid, 'execute')
         and format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
             <> all(array[${ANON_EXECUTABLE_FUNCTIONS.map((f) => `'${f}'`).join(', ')}]::text[])`,
    violation: `
      create function public.lint_anon_callable() returns int language sql set search_path = '' as $$ select 1 $$;
      grant execute on function public.lint_anon_callable() to anon;`,
    expectObject: 'public.lint_anon_callable()',
  },
]
