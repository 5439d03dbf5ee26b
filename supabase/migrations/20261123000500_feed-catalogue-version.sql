-- The feed's catalogue version (issue 5, ADR 005 "Performance at program scale"): lets the `feed`
-- function keep the catalogue (settings, open asks, published gives) between requests and still
-- serve every change at once, by reading this small value with the caller's own rows.

/**
 * The version of the feed catalogue the caller can see: the settings row's last change, and the
 * count and latest change of the open asks and of the published gives (`published_at` counts as a
 * change, so a scheduled give going live changes it too). Any insert, update, delete, close or
 * publication of a catalogue row changes it; so does an accept, which bumps `accepted_count` and
 * with it `updated_at`. Invoker rights: it counts exactly the rows RLS shows the caller, with the
 * same filters the function reads the catalogue with (_shared/feed-catalogue.ts).
 * A PostgREST computed field on profiles, so the function reads it in the same request as the
 * caller's goals, ledger and interactions: `profiles?select=goals,feed_catalogue_version,…`.
 */
-- plpgsql rather than sql: a `set search_path` function is never inlined, and plpgsql keeps its
-- plans for the session, so each call only executes (two index-only scans, below).
create or replace function public.feed_catalogue_version(public.profiles)
returns text
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  settings_changed timestamptz;
  asks bigint;
  asks_changed timestamptz;
  gives bigint;
  gives_changed timestamptz;
begin
  select s.updated_at into settings_changed from public.program_settings s where s.id;
  select count(*), max(x.updated_at) into asks, asks_changed from public.opportunities x where x.status = 'open';
  select count(*), max(greatest(x.updated_at, x.published_at)) into gives, gives_changed
    from public.content_items x where x.published_at <= now();
  return concat_ws(':', extract(epoch from settings_changed), asks, extract(epoch from asks_changed), gives, extract(epoch from gives_changed));
end;
$$;
revoke all on function public.feed_catalogue_version(public.profiles) from public, anon;
grant execute on function public.feed_catalogue_version(public.profiles) to authenticated, service_role;

comment on function public.feed_catalogue_version(public.profiles) is
  'Changes whenever the feed catalogue the caller can see changes (settings, open asks, published gives); the feed function''s cache key.';

-- The version's counts and latest changes come from the index alone (index-only scans). Each
-- replaces an index on its leading column, which served the catalogue read and the policies'
-- status / published_at filters, as these do now.
create index opportunities_status_updated_at_idx on public.opportunities (status, updated_at);
drop index public.opportunities_status_idx;
create index content_items_published_at_updated_at_idx on public.content_items (published_at, updated_at);
drop index public.content_items_published_at_idx;
