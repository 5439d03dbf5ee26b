-- Profiles: one row per Auth user, created by a trigger on sign-up and removed by the cascade
-- when the user is deleted. The API can read and edit a profile; it can never create or delete one.

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null,
  avatar_url text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Trimmed, one line, 1–80 characters: what the shell, the wall and mentions can show as-is.
  constraint profiles_display_name_check check (
    char_length(display_name) between 1 and 80
    and display_name !~ '^\s|\s$'
    and display_name !~ '[[:cntrl:]]'
  ),
  -- https only (no javascript:, data: or mixed content), no whitespace, bounded length.
  constraint profiles_avatar_url_check check (
    avatar_url ~ '^https://[^\s/?#]+[^\s]*$' and char_length(avatar_url) <= 2048
  )
);

comment on table public.profiles is
  'Public face of a user (advocate or admin): one row per auth.users row, created by on_auth_users_created.';
comment on column public.profiles.id is 'The auth.users id; also the owner for RLS.';
comment on column public.profiles.display_name is
  'Shown across the portal. Defaults from user_metadata.display_name (or full_name), else the e-mail''s local part.';
comment on column public.profiles.avatar_url is 'Optional https image URL.';
comment on column public.profiles.updated_at is 'Maintained by the on_profiles_updated trigger.';

-- Grants: the first migration already keeps anon out. Authenticated users get read access and may
-- change only the two user-editable columns, so `id`, `created_at` and `updated_at` are out of
-- reach whatever the policies say. Rows are created by the trigger and deleted by the cascade.
revoke all on table public.profiles from anon, authenticated;
grant select on table public.profiles to authenticated;
grant update (display_name, avatar_url) on table public.profiles to authenticated;
grant all on table public.profiles to service_role;

alter table public.profiles enable row level security;

-- An advocate sees their own profile; admins see everyone's to run the program. One policy, not
-- two, because two permissive select policies for the same role are both evaluated on every row.
create policy profiles_select_own_or_admin on public.profiles
  for select to authenticated
  using (id = (select auth.uid()) or (select private.is_admin()));

-- Only the owner edits their profile, and the row must still be theirs afterwards.
create policy profiles_update_own on public.profiles
  for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

/**
 * Keeps `updated_at` honest whoever writes the row (API, service role, migrations).
 * Generic: later tables reuse it with their own `on_<table>_updated` trigger.
 */
create or replace function private.set_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;
revoke all on function private.set_updated_at() from public, anon, authenticated;

create trigger on_profiles_updated
  before update on public.profiles
  for each row execute function private.set_updated_at();

/**
 * Creates the profile for a new Auth user. Auth inserts the user as `supabase_auth_admin` with
 * `search_path = auth` and `role = ''` (the role is set by a later update), so this runs as the
 * owner with an empty search_path, qualifies every name, and does not look at `role`.
 * The display name comes from what the user typed at sign-up, else the e-mail's local part;
 * whitespace is collapsed and the result cut to 80 characters so the check always passes.
 * A failure here fails the sign-up (500 "Database error saving new user"), on hosted too.
 */
create or replace function private.create_profile()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  candidate text;
begin
  candidate := coalesce(
    nullif(btrim(regexp_replace(new.raw_user_meta_data ->> 'display_name', '[\s[:cntrl:]]+', ' ', 'g')), ''),
    nullif(btrim(regexp_replace(new.raw_user_meta_data ->> 'full_name', '[\s[:cntrl:]]+', ' ', 'g')), ''),
    nullif(btrim(regexp_replace(split_part(new.email, '@', 1), '[\s[:cntrl:]]+', ' ', 'g')), ''),
    'Advocate'
  );
  insert into public.profiles (id, display_name)
  values (new.id, btrim(left(candidate, 80)))
  on conflict (id) do nothing;
  return new;
end;
$$;
revoke all on function private.create_profile() from public, anon, authenticated;

create trigger on_auth_users_created
  after insert on auth.users
  for each row execute function private.create_profile();
