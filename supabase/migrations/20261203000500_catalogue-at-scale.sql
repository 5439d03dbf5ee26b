-- The feed's catalogue and the points totals at any size (issue 10 §1, ADR 011). PostgREST caps
-- every response at max_rows (1,000) rows, so a plain select of the open asks or the published
-- gives silently dropped rows past the thousandth, and a sum over points_ledger rows read into
-- JavaScript would have done the same. Both now come out of SQL as one value, which the row cap
-- does not apply to; both run with the caller's rights, so RLS still decides what is counted.

/**
 * The feed catalogue the caller can see, as one JSON value: `settings` (the program_settings row),
 * `opportunities` (the open asks) and `content` (the gives published at or before `as_of`, the
 * request's time), each list ordered by id, with the columns _shared/feed-catalogue.ts maps onto
 * the engine. Returned as a single `json` scalar, not `setof`, so PostgREST's max_rows cannot cut
 * it. `only_ask` / `only_content` narrow it to one item (the `?item=` explanation): with either
 * set, the other list is empty. Invoker rights: RLS shows advocates open asks and published gives
 * only; the explicit filters keep admins' drafts out too, and match feed_catalogue_version's.
 */
-- json, not jsonb: built once and sent as text, so the binary form would be work for nothing.
create or replace function public.feed_catalogue(as_of timestamptz, only_ask bigint default null, only_content bigint default null)
returns json
language sql
stable
security invoker
set search_path = ''
as $$
  select json_build_object(
    'settings', (select to_json(s) from public.program_settings s where s.id),
    'opportunities', coalesce((
      select json_agg(o order by o.id)
        from (
          select x.id, x.type, x.title, x.body, x.effort, x.value, x.points, x.estimated_minutes, x.affinity, x.goal_tags,
                 x.min_tier, x.target_segments, x.capacity, x.accepted_count, x.starts_at, x.ends_at, x.team, x.status, x.created_at
            from public.opportunities x
           where x.status = 'open'
             and ((only_ask is null and only_content is null) or x.id = only_ask)
        ) o
    ), '[]'::json),
    'content', coalesce((
      select json_agg(c order by c.id)
        from (
          select x.id, x.kind, x.title, x.body, x.url, x.affinity, x.goal_tags, x.target_segments, x.published_at
            from public.content_items x
           where x.published_at <= as_of
             and ((only_ask is null and only_content is null) or x.id = only_content)
        ) c
    ), '[]'::json)
  );
$$;
revoke all on function public.feed_catalogue(timestamptz, bigint, bigint) from public, anon;
grant execute on function public.feed_catalogue(timestamptz, bigint, bigint) to authenticated, service_role;

comment on function public.feed_catalogue(timestamptz, bigint, bigint) is
  'The feed catalogue (settings, open asks, gives published by as_of) the caller can see, as one JSON value that PostgREST''s row cap does not truncate.';

/**
 * The points a profile holds: the sum of its points_ledger rows the caller can see (advocates
 * their own, admins everyone's; 0 for anyone else's). A PostgREST computed field, so the total is
 * summed in SQL and read in one row: `profiles?select=points_total&id=eq.<id>`.
 */
create or replace function public.points_total(public.profiles)
returns bigint
language sql
stable
security invoker
set search_path = ''
as $$
  select coalesce(sum(p.delta), 0)::bigint from public.points_ledger p where p.profile_id = $1.id;
$$;
revoke all on function public.points_total(public.profiles) from public, anon;
grant execute on function public.points_total(public.profiles) to authenticated, service_role;

comment on function public.points_total(public.profiles) is
  'The profile''s points balance (sum of the points_ledger rows the caller can see); a computed field on profiles.';
