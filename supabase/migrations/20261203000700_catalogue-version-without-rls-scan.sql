-- The feed's catalogue version without a row-level-security pass over the whole catalogue
-- (ADR 015). public.feed_catalogue_version runs on every feed request; as an invoker-rights
-- function its three aggregates evaluated the opportunities and content_items policies row by
-- row, over every open ask and published give: at 5,000 asks and 20,000 gives that was most of
-- a request's time. The version only summarises what every signed-in user may see anyway (the
-- open asks and the published gives: its explicit filters were already the same for every
-- caller, admins included), so it is computed by a definer helper in the private schema, with
-- the same filters, reading the indexes without RLS. It returns counts, sums of ids and
-- timestamps: nothing a caller could not count from the catalogue they are served.

create or replace function private.feed_catalogue_version()
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  settings_changed timestamptz;
  asks bigint;
  asks_changed timestamptz;
  full_asks bigint;
  full_ids numeric;
  gives bigint;
  gives_changed timestamptz;
begin
  select s.updated_at into settings_changed from public.program_settings s where s.id;
  select count(*), max(x.updated_at) into asks, asks_changed from public.opportunities x where x.status = 'open';
  select count(*), coalesce(sum(x.id), 0) into full_asks, full_ids from public.opportunities x
   where x.status = 'open' and x.capacity is not null and x.accepted_count >= x.capacity;
  select count(*), max(greatest(x.updated_at, x.published_at)) into gives, gives_changed
    from public.content_items x where x.published_at <= now();
  return concat_ws(':', extract(epoch from settings_changed), asks, extract(epoch from asks_changed), full_asks, full_ids,
                   gives, extract(epoch from gives_changed));
end;
$$;
revoke all on function private.feed_catalogue_version() from public, anon;
grant execute on function private.feed_catalogue_version() to authenticated, service_role;

-- The computed field keeps its signature, grants and invoker rights; it only delegates.
create or replace function public.feed_catalogue_version(public.profiles)
returns text
language sql
stable
security invoker
set search_path = ''
as $$
  select private.feed_catalogue_version();
$$;
