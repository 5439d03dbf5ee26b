-- Accepting, withdrawing and completing an ask, and saving a give (issue 5 §3–4,
-- docs/decisions/006-asking-and-completing.md): what completing needs on an opportunity, the
-- accept RPC that enforces the engine's rules in the database, withdrawing, the service-role
-- submission RPC behind the `submit-ask` function, the interactions that submissions write, and
-- saved gives.

-- ---------------------------------------------------------------------------------------------
-- What completing an ask needs

alter table public.opportunities
  add column action_url text,
  add column incentive_disclosure text,
  add constraint opportunities_action_url_check check (action_url ~ '^https://[^\s/?#]+[^\s]*$' and char_length(action_url) <= 2048),
  add constraint opportunities_incentive_disclosure_check check (
    char_length(incentive_disclosure) between 1 and 500 and incentive_disclosure ~ '\S'
  );

comment on column public.opportunities.action_url is
  'Where the advocate does the ask (the review site, the post to share, the beta sign-up); https only.';
comment on column public.opportunities.incentive_disclosure is
  'Any incentive offered, in words shown before the ask is done; review sites require it, and submit-ask stores the text the advocate acknowledged with the submission.';

-- Admins write them (opportunities_insert_admin / _update_admin decide who).
grant insert (action_url, incentive_disclosure), update (action_url, incentive_disclosure) on table public.opportunities to authenticated;

-- ---------------------------------------------------------------------------------------------
-- The rules, whatever state the settings row is in

/**
 * The program-settings row, or, should it be missing, the table's column defaults (which equal
 * the engine's DEFAULT_FEED_SETTINGS, feed-data.test.ts checks that). The row cannot be deleted
 * through the API, but accepting must never run without rules, nor fail because someone is
 * replacing the row by hand. The defaults are read from the catalogue, so they cannot drift.
 */
create or replace function private.current_program_settings()
returns public.program_settings
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  settings public.program_settings;
begin
  select * into settings from public.program_settings s where s.id;
  if found then
    return settings;
  end if;
  execute (
    select 'select ' || string_agg(coalesce(pg_catalog.pg_get_expr(d.adbin, d.adrelid), 'null') || '::' || pg_catalog.format_type(a.atttypid, a.atttypmod), ', ' order by a.attnum)
      from pg_catalog.pg_attribute a
      left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
     where a.attrelid = 'public.program_settings'::regclass and a.attnum > 0 and not a.attisdropped
  ) into settings;
  return settings;
end;
$$;
revoke all on function private.current_program_settings() from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- Accepting an ask

/**
 * Accepts an ask from the catalogue for the caller (ADR 006), enforcing in the database exactly
 * what the matching engine enforces when it decides what to offer (supabase/functions/_shared/
 * matching/{eligibility,fatigue,fit}.ts, read with the program-settings row), so calling
 * PostgREST directly cannot skip a rule. Errors use PostgREST's `PT<status>` SQLSTATEs, which it
 * answers with that HTTP status and DETAIL as `details` (P0002, no_data_found, would be a 500).
 * Raises the first that applies:
 *   42501            no signed-in caller;
 *   PT404 (404)      DETAIL not_available: no such ask, not open, outside its window, or not for
 *                    the caller's segment or tier (tiers come with recognition: any min_tier is
 *                    unavailable to everyone until then, as the engine does not offer it either);
 *   PT409 (409)      DETAIL not_eligible | open_asks_cap | accepted_asks_cap | type_cooldown |
 *                    effort_locked | already_taken | full (ADR 006's order, which the engine's
 *                    explainItem also lists its blockers in), with a sentence for people in MESSAGE.
 * Serialised: the caller's profiles row is locked first (per-advocate caps: two accepts by one
 * person run one after the other), then the opportunity row (capacity: two people cannot take
 * the last place). Always in that order, so accepts cannot deadlock each other.
 * Writes the ledger row (feed, accepted; on_ask_ledger_written bumps accepted_count) and the
 * `accepted` interaction. This is ADR 005's `private.offer_ask()`; `public.accept_ask` is its
 * API door.
 */
create or replace function private.accept_ask(opportunity_id bigint)
returns public.ask_ledger
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := auth.uid();
  at_now timestamptz;
  settings public.program_settings;
  opportunity public.opportunities;
  account public.advocate_accounts;
  outstanding integer;
  accepted integer;
  completed integer;
  needed integer;
  of_type integer;
  held integer;
  ask public.ask_ledger;
begin
  if caller is null then
    raise exception 'Sign in to accept an ask.' using errcode = '42501';
  end if;
  perform 1 from public.profiles p where p.id = caller for update;
  if not found then
    raise exception 'Sign in to accept an ask.' using errcode = '42501';
  end if;
  select * into opportunity from public.opportunities o where o.id = accept_ask.opportunity_id for update;
  -- "Now" is when the locks were granted, not when the transaction began (now()): an accept that
  -- waited for ours must count the row ours wrote, stamped with our time, which is later than
  -- its own start and would otherwise fall outside "as of now".
  at_now := clock_timestamp();
  select * into account from public.advocate_accounts a where a.profile_id = caller;
  settings := private.current_program_settings();

  -- Not offered to this caller at all (fit.ts isOfferable: status, created_at, window, tier, segment).
  if opportunity.id is null or opportunity.status <> 'open' or opportunity.created_at > at_now
     or opportunity.starts_at > at_now or opportunity.ends_at <= at_now then
    raise exception 'This ask isn’t available any more.' using errcode = 'PT404', detail = 'not_available';
  end if;
  if opportunity.min_tier is not null
     or not coalesce(cardinality(opportunity.target_segments) = 0 or account.segment = any(opportunity.target_segments), false) then
    raise exception 'This ask isn’t open to you.' using errcode = 'PT404', detail = 'not_available';
  end if;

  -- eligibility.ts: unknown signals fail; a detractor is never asked, whatever min_nps says.
  -- Tenure is in calendar months, UTC, rolling a day past the month's end over as JS Date does.
  if account.nps is null or account.nps <= settings.detractor_max_nps or account.nps < settings.min_nps
     or (settings.nps_max_age_days is not null
         and (account.nps_at is null or account.nps_at < at_now - settings.nps_max_age_days * interval '24 hours'))
     or account.health_score is null or account.health_score < settings.min_health_score
     or account.customer_since is null
     or (date_trunc('month', account.customer_since::timestamp) + make_interval(months => settings.min_tenure_months)
         + make_interval(days => extract(day from account.customer_since)::integer - 1)) at time zone 'UTC' > at_now
     or account.last_active_at is null or account.last_active_at < at_now - settings.active_within_days * interval '24 hours' then
    raise exception 'Asks aren’t open to you right now, but everything else in your feed is.' using errcode = 'PT409', detail = 'not_eligible';
  end if;

  -- The caller's ledger as of now, across every team (fatigue.ts): rows asked later don't count
  -- yet, and a row decided later was still open. The ladder counts every completed ask, as the
  -- feed's completedAskCount does.
  select count(*) filter (where x.state in ('open', 'accepted')),
         count(*) filter (where x.state in ('accepted', 'completed')
                            and coalesce(x.decided_at, x.asked_at) >= at_now - settings.accepted_asks_window_days * interval '24 hours'),
         count(*) filter (where x.type = opportunity.type and x.state in ('open', 'accepted', 'completed')
                            and x.asked_at >= at_now - coalesce((settings.type_cooldowns -> opportunity.type::text ->> 'windowDays')::numeric, 0) * interval '24 hours'),
         count(*) filter (where x.opportunity_id = opportunity.id and x.state in ('open', 'accepted', 'completed'))
    into outstanding, accepted, of_type, held
    from (select case when l.decided_at > at_now then 'open'::public.ask_state else l.state end as state,
                 l.decided_at, l.asked_at, l.type, l.opportunity_id
            from public.ask_ledger l where l.profile_id = caller and l.asked_at <= at_now) x;
  select count(*) into completed from public.ask_ledger l where l.profile_id = caller and l.state = 'completed';

  if outstanding >= settings.max_open_asks then
    raise exception '%', case when outstanding = 0 then 'The program isn’t taking on new asks at the moment.'
                              else format('You already have %s ask%s in progress. Finish or withdraw one first.', outstanding,
                                          case when outstanding = 1 then '' else 's' end) end
      using errcode = 'PT409', detail = 'open_asks_cap';
  end if;
  if accepted >= settings.max_accepted_asks then
    raise exception '%', case when accepted = 0 then 'The program isn’t taking on new asks at the moment.'
                              else format('You’ve taken on %s ask%s in the last %s days, as many as we ask of anyone. More open up as those get older.',
                                          accepted, case when accepted = 1 then '' else 's' end, settings.accepted_asks_window_days) end
      using errcode = 'PT409', detail = 'accepted_asks_cap';
  end if;

  -- Per-type cooldowns: type_cooldowns = {"<type>": {"maxAsks": n, "windowDays": n}}.
  if jsonb_typeof(settings.type_cooldowns -> opportunity.type::text) = 'object'
     and of_type >= (settings.type_cooldowns -> opportunity.type::text ->> 'maxAsks')::integer then
    raise exception 'You’ve had % % ask% in the last % days, as many as we ask of anyone. This one opens up for you again later.',
      of_type, replace(opportunity.type::text, '_', ' '), case when of_type = 1 then '' else 's' end,
      settings.type_cooldowns -> opportunity.type::text ->> 'windowDays'
      using errcode = 'PT409', detail = 'type_cooldown';
  end if;

  -- The ladder (fit.ts): bigger asks unlock after completing smaller ones.
  needed := case opportunity.effort
              when 'medium' then settings.medium_effort_unlock_completed_asks
              when 'high' then settings.high_effort_unlock_completed_asks
              else 0 end;
  if completed < needed then
    raise exception 'Complete % more smaller ask% to unlock this one.', needed - completed, case when needed - completed = 1 then '' else 's' end
      using errcode = 'PT409', detail = 'effort_locked';
  end if;

  -- Held already (open, accepted or completed); the unique index ask_ledger_one_live_ask_idx backs this up.
  if held > 0 then
    raise exception 'You already have this ask. You’ll find it in your activity.' using errcode = 'PT409', detail = 'already_taken';
  end if;

  if opportunity.capacity is not null and opportunity.capacity - opportunity.accepted_count <= 0 then
    raise exception 'This ask is full: every place has been taken.' using errcode = 'PT409', detail = 'full';
  end if;

  insert into public.ask_ledger (profile_id, opportunity_id, type, team, source, state, asked_at, decided_at)
  values (caller, opportunity.id, opportunity.type, opportunity.team, 'feed', 'accepted', at_now, at_now)
  returning * into ask;
  insert into public.interactions (profile_id, item_kind, opportunity_id, kind, at)
  values (caller, 'ask', opportunity.id, 'accepted', at_now);
  return ask;
end;
$$;
revoke all on function private.accept_ask(bigint) from public, anon;
-- The public door runs with the caller's rights and calls this.
grant execute on function private.accept_ask(bigint) to authenticated;

/**
 * `rpc('accept_ask', { opportunity_id })`: the API door to private.accept_ask (see there). The
 * definer function lives in `private`, which PostgREST does not expose, so this wrapper is the
 * only way in and runs with the caller's own rights (lint 0029).
 */
create or replace function public.accept_ask(opportunity_id bigint)
returns public.ask_ledger
language sql
security invoker
set search_path = ''
as $$
  select * from private.accept_ask(accept_ask.opportunity_id)
$$;
revoke all on function public.accept_ask(bigint) from public, anon;
grant execute on function public.accept_ask(bigint) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Withdrawing an accepted ask

/**
 * Withdraws the caller's accepted ask before anything was handed in: the ledger row becomes
 * `declined` (decided_at stays: it is when the ask left `open`), which frees the place and the
 * caps. Raises PT404 (DETAIL not_found) for an ask that is not the caller's, PT409 DETAIL
 * already_submitted when a live (not rejected) submission exists, PT409 DETAIL not_accepted for
 * any other state. The row lock serialises it with record_submission.
 */
create or replace function private.withdraw_ask(ask_id bigint)
returns public.ask_ledger
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := auth.uid();
  ask public.ask_ledger;
begin
  if caller is null then
    raise exception 'Sign in to withdraw an ask.' using errcode = '42501';
  end if;
  select * into ask from public.ask_ledger l where l.id = withdraw_ask.ask_id and l.profile_id = caller for update;
  if not found then
    raise exception 'We couldn’t find that ask.' using errcode = 'PT404', detail = 'not_found';
  end if;
  if exists (select 1 from public.submissions s where s.ask_ledger_id = ask.id and s.status <> 'rejected') then
    raise exception 'You’ve already handed this ask in, so it can’t be withdrawn.' using errcode = 'PT409', detail = 'already_submitted';
  end if;
  if ask.state <> 'accepted' then
    raise exception 'Only an ask you’ve accepted can be withdrawn.' using errcode = 'PT409', detail = 'not_accepted';
  end if;
  update public.ask_ledger l set state = 'declined' where l.id = ask.id returning * into ask;
  return ask;
end;
$$;
revoke all on function private.withdraw_ask(bigint) from public, anon;
grant execute on function private.withdraw_ask(bigint) to authenticated;

/** `rpc('withdraw_ask', { ask_id })`: the API door to private.withdraw_ask, with the caller's rights. */
create or replace function public.withdraw_ask(ask_id bigint)
returns public.ask_ledger
language sql
security invoker
set search_path = ''
as $$
  select * from private.withdraw_ask(withdraw_ask.ask_id)
$$;
revoke all on function public.withdraw_ask(bigint) from public, anon;
grant execute on function public.withdraw_ask(bigint) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Submitting: only through submit-ask, which validates the payload per type first

-- A direct insert would skip the per-type validation (ADR 006).
drop policy submissions_insert_own on public.submissions;
revoke insert on table public.submissions from authenticated;

/**
 * Records a submission for `profile_id`'s accepted ask. Called by the `submit-ask` edge function
 * with the service role, after it validated `payload` with the type's Zod schema; nobody else
 * may execute it. The ledger row is locked, so a concurrent withdraw or second submit waits and
 * then sees this one. Raises PT404 (DETAIL not_found) when the ask is missing or someone else's,
 * PT409 DETAIL already_submitted when a live (not rejected) submission exists, PT409 DETAIL
 * not_accepted when the ask is not `accepted`. The submission takes its type from the ask.
 */
create or replace function public.record_submission(profile_id uuid, ask_id bigint, payload jsonb)
returns public.submissions
language plpgsql
security invoker
set search_path = ''
as $$
declare
  ask public.ask_ledger;
  submission public.submissions;
begin
  select * into ask from public.ask_ledger l
   where l.id = record_submission.ask_id and l.profile_id = record_submission.profile_id
   for update;
  if not found then
    raise exception 'We couldn’t find that ask.' using errcode = 'PT404', detail = 'not_found';
  end if;
  if exists (select 1 from public.submissions s where s.ask_ledger_id = ask.id and s.status <> 'rejected') then
    raise exception 'You’ve already handed this ask in.' using errcode = 'PT409', detail = 'already_submitted';
  end if;
  if ask.state <> 'accepted' then
    raise exception 'Only an ask you’ve accepted can be handed in.' using errcode = 'PT409', detail = 'not_accepted';
  end if;
  insert into public.submissions (profile_id, ask_ledger_id, type, payload)
  values (ask.profile_id, ask.id, ask.type, record_submission.payload)
  returning * into submission;
  return submission;
end;
$$;
revoke all on function public.record_submission(uuid, bigint, jsonb) from public, anon, authenticated;
grant execute on function public.record_submission(uuid, bigint, jsonb) to service_role;

-- ---------------------------------------------------------------------------------------------
-- The interaction log follows submissions

/**
 * Logs `submitted` when a submission is made and `approved`/`rejected` when it is reviewed, so
 * the log cannot drift from `submissions` (ADR 006). Definer: advocates may not log these kinds
 * themselves (interactions_insert_own), and review_submission runs with an admin's rights. A
 * direct ask outside the catalogue (no opportunity) is no feed item, so nothing is logged.
 */
create or replace function private.log_submission_interaction()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  opportunity bigint;
begin
  select l.opportunity_id into opportunity from public.ask_ledger l where l.id = new.ask_ledger_id;
  if opportunity is null then
    return null;
  end if;
  -- Stamped when it happened (a seeded or imported submission may be older than now()).
  insert into public.interactions (profile_id, item_kind, opportunity_id, kind, at)
  values (new.profile_id, 'ask', opportunity,
          case when tg_op = 'INSERT' then 'submitted' else new.status::text end::public.interaction_kind,
          case when tg_op = 'INSERT' then new.submitted_at else coalesce(new.reviewed_at, now()) end);
  return null;
end;
$$;
revoke all on function private.log_submission_interaction() from public, anon, authenticated;

create trigger on_submissions_inserted
  after insert on public.submissions
  for each row execute function private.log_submission_interaction();

create trigger on_submissions_reviewed
  after update of status on public.submissions
  for each row when (new.status is distinct from old.status and new.status in ('approved', 'rejected'))
  execute function private.log_submission_interaction();

comment on table public.interactions is
  'Append-only log of what each advocate did with feed items. Owners add shown/opened/declined/snoozed rows; accept_ask writes accepted, and triggers on submissions write submitted, approved and rejected (on_submissions_inserted, on_submissions_reviewed).';

-- ---------------------------------------------------------------------------------------------
-- Saved gives

create table public.saved_items (
  profile_id uuid not null references public.profiles (id) on delete cascade,
  content_item_id bigint not null references public.content_items (id) on delete cascade,
  saved_at timestamptz not null default now(),
  primary key (profile_id, content_item_id)
);
-- The primary key serves the owner's list; this one the FK cascade and the insert policy.
create index saved_items_content_item_id_idx on public.saved_items (content_item_id);

comment on table public.saved_items is
  'Gives an advocate saved for later. Owners read, add (published gives only) and remove theirs; admins read all.';
comment on column public.saved_items.saved_at is 'Set by the database (not grantable).';

revoke all on table public.saved_items from anon, authenticated;
-- No update: saving again is a no-op, unsaving is a delete.
grant select, delete on table public.saved_items to authenticated;
grant insert (profile_id, content_item_id) on table public.saved_items to authenticated;
grant all on table public.saved_items to service_role;

alter table public.saved_items enable row level security;

-- Advocates see their own saved gives; admins see all, for reporting what resonates.
create policy saved_items_select_own_or_admin on public.saved_items
  for select to authenticated using (profile_id = (select auth.uid()) or (select private.is_admin()));
-- Advocates save only for themselves, and only gives that are published (not drafts or scheduled ones).
create policy saved_items_insert_own on public.saved_items
  for insert to authenticated
  with check (
    profile_id = (select auth.uid())
    and exists (select 1 from public.content_items c where c.id = saved_items.content_item_id and c.published_at <= now())
  );
-- Advocates unsave their own; nobody removes someone else's.
create policy saved_items_delete_own on public.saved_items
  for delete to authenticated using (profile_id = (select auth.uid()));
