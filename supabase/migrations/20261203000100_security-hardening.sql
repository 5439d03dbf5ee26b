-- Security hardening (issue 9): privileges that take effect at once, secure function defaults,
-- no enumeration through the interaction log, bounded per-advocate writes, and an ask flow that
-- cannot be looped to churn everyone's feed. docs/decisions/010-security-hardening.md explains.

-- ---------------------------------------------------------------------------------------------
-- §7 Secure default for new functions
--
-- Postgres grants EXECUTE on every new function to PUBLIC through its *global* default
-- privileges. A per-schema `alter default privileges in schema public revoke … from public`
-- (migration …000000) cannot take away what the global default gives, so it did nothing: a new
-- function in `public` was callable by `anon` unless its migration revoked it. Revoking the
-- global default for the role that runs migrations fixes that for every schema. Each migration
-- still grants what it means to expose, and tests/db/lint.test.ts (H004) fails when anything in
-- an API schema is executable by anon without being on the allow-list there.
alter default privileges for role postgres revoke execute on functions from public;

-- ---------------------------------------------------------------------------------------------
-- §5 Admin rights follow the live role

/**
 * True when the caller is a program admin *now*: `app_metadata.role = 'admin'` on their
 * auth.users row, which only the service role can write. The token's own claim is not enough: it
 * lives for up to an hour after a demotion. Policies call it as `(select private.is_admin())`,
 * so Postgres evaluates it once per statement (an initplan): one primary-key lookup.
 * bench/policy.bench.ts measures the cost against the claim-only check.
 */
create or replace function private.is_admin()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(
    (select u.raw_app_meta_data ->> 'role' = 'admin' from auth.users u where u.id = auth.uid()),
    false
  )
$$;
revoke all on function private.is_admin() from public;
grant execute on function private.is_admin() to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- §5 Reviewing: never one's own submission; an unknown id is a 404, not a 500

/**
 * Approves or rejects a submission (see migration …000300 for the rules; unchanged but for two
 * refusals). An admin may not review a submission of their own (42501, HTTP 403): approval
 * awards points, and nobody approves their own. An unknown id raises PT404 (HTTP 404); P0002
 * made PostgREST answer 500.
 */
create or replace function public.review_submission(submission_id bigint, decision text, note text default null)
returns public.submissions
language plpgsql
security invoker
set search_path = ''
as $$
declare
  s public.submissions;
  award integer;
begin
  if not coalesce((select private.is_admin()), false) then
    raise exception 'only admins review submissions' using errcode = '42501';
  end if;
  if decision is null or decision not in ('approved', 'rejected') then
    raise exception 'decision must be approved or rejected, got %', coalesce(decision, 'null') using errcode = '22023';
  end if;

  select * into s from public.submissions x where x.id = review_submission.submission_id for update;
  if not found then
    raise exception 'submission % does not exist', review_submission.submission_id using errcode = 'PT404', detail = 'not_found';
  end if;
  if s.profile_id = auth.uid() then
    raise exception 'you cannot review your own submission; another admin has to' using errcode = '42501', detail = 'own_submission';
  end if;
  if s.status <> 'submitted' then
    if s.status::text = decision then
      return s;
    end if;
    raise exception 'submission % was already %', s.id, s.status using errcode = '22023';
  end if;

  if decision = 'approved' then
    select coalesce(o.points, 0) into award
      from public.ask_ledger l left join public.opportunities o on o.id = l.opportunity_id
     where l.id = s.ask_ledger_id;
    award := coalesce(award, 0);
    if award > 0 then
      insert into public.points_ledger (profile_id, delta, reason, submission_id, created_by)
      values (s.profile_id, award, 'Approved ' || replace(s.type::text, '_', ' '), s.id, auth.uid())
      on conflict on constraint points_ledger_submission_id_key do nothing;
    end if;
    update public.ask_ledger l
       set state = 'completed', completed_at = now()
     where l.id = s.ask_ledger_id and l.state = 'accepted';
  end if;

  update public.submissions x
     set status = decision::public.submission_status,
         reviewed_by = auth.uid(),
         reviewed_at = now(),
         review_note = nullif(btrim(note), ''),
         points_awarded = case when decision = 'approved' then award end
   where x.id = s.id
  returning * into s;
  return s;
end;
$$;
revoke all on function public.review_submission(bigint, text, text) from public, anon;
grant execute on function public.review_submission(bigint, text, text) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- §8 The ask flow cannot be looped

alter table public.ask_ledger add column withdrawn_at timestamptz;
comment on column public.ask_ledger.withdrawn_at is
  'When the advocate withdrew (withdraw_ask; the row is then declined). accept_ask refuses the same ask for a day after.';
-- accept_ask looks for a recent withdrawal of (advocate, ask); ask_ledger_profile_asked_idx
-- narrows to the advocate's rows, which are few, so no index of its own.

/**
 * Accepts an ask (ADR 006; migration …000400 has the full contract). Changed here:
 * - "not for you" (segment, tier) and "does not exist or not open" raise the same PT404 with the
 *   same message, so a refusal never tells an advocate which segment or tier an ask they cannot
 *   see is for (issue 9 §1);
 * - an ask the caller withdrew in the last 24 hours: PT409 DETAIL withdrawn_recently, checked
 *   last (issue 9 §8).
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
    raise exception 'This ask isn’t available any more.' using errcode = 'PT404', detail = 'not_available';
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

  -- Accept → withdraw → accept… would churn the ledger and the ask's place for everyone: a
  -- withdrawn ask stays withdrawn for a day (issue 9 §8).
  if exists (select 1 from public.ask_ledger l
              where l.profile_id = caller and l.opportunity_id = opportunity.id
                and l.withdrawn_at > at_now - interval '24 hours') then
    raise exception 'You withdrew from this ask less than a day ago. It opens up for you again tomorrow.'
      using errcode = 'PT409', detail = 'withdrawn_recently';
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
grant execute on function private.accept_ask(bigint) to authenticated;

/** Withdraws the caller's accepted ask (migration …000400); now also stamps `withdrawn_at`. */
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
  update public.ask_ledger l set state = 'declined', withdrawn_at = clock_timestamp() where l.id = ask.id returning * into ask;
  return ask;
end;
$$;
revoke all on function private.withdraw_ask(bigint) from public, anon;
grant execute on function private.withdraw_ask(bigint) to authenticated;

/**
 * `updated_at` for asks: an edit by an admin, not the count of places taken. accepted_count
 * changes with every accept and withdraw, which are one advocate's acts; bumping updated_at
 * for them changed feed_catalogue_version and emptied the feed's shared catalogue cache for
 * everyone. Whether an ask is full still changes the version (below).
 */
create or replace function private.set_opportunity_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (to_jsonb(new) - 'accepted_count' - 'updated_at') is distinct from (to_jsonb(old) - 'accepted_count' - 'updated_at') then
    new.updated_at := now();
  else
    new.updated_at := old.updated_at;
  end if;
  return new;
end;
$$;
revoke all on function private.set_opportunity_updated_at() from public, anon, authenticated;

drop trigger on_opportunities_updated on public.opportunities;
create trigger on_opportunities_updated
  before update on public.opportunities
  for each row execute function private.set_opportunity_updated_at();

-- The open asks with no place left: what the version needs to know of accepted_count.
create index opportunities_full_idx on public.opportunities (id)
  where status = 'open' and capacity is not null and accepted_count >= capacity;

/**
 * The feed catalogue's version (migration …000500), now with the set of full asks (their count
 * and the sum of their ids) in place of every accepted_count change: an ask filling up or
 * freeing a place changes it, another accept on a roomy ask does not.
 */
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
revoke all on function public.feed_catalogue_version(public.profiles) from public, anon;
grant execute on function public.feed_catalogue_version(public.profiles) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- §7 The interaction log references only items the advocate can see

-- Both exists() run with the advocate's rights, so RLS decides what "can see" means (open asks,
-- published gives). RLS is checked before the foreign keys, so an id that does not exist and an
-- id the advocate may not see get the same 403: the log no longer tells which ids exist.
drop policy interactions_insert_own on public.interactions;
create policy interactions_insert_own on public.interactions
  for insert to authenticated
  with check (
    profile_id = (select auth.uid())
    and kind in ('shown', 'opened', 'declined', 'snoozed')
    -- interactions_item_check makes exactly one of the two ids non-null, as item_kind says.
    and (opportunity_id is null or exists (select 1 from public.opportunities o where o.id = opportunity_id))
    and (content_item_id is null or exists (select 1 from public.content_items c where c.id = content_item_id))
  );

-- ---------------------------------------------------------------------------------------------
-- §8 Per-advocate write quotas

/**
 * Bounds what one advocate can write through the API in a window: `tg_argv` = (window, limit),
 * counted over the table's rows of the same `profile_id` since now() - window. Only for the API
 * role `authenticated` writing directly: RPCs that write as their definer (accept_ask), the
 * service role and migrations or seeds are not counted against. Over the limit: PT429, which
 * PostgREST answers with HTTP 429. A per-advocate advisory lock makes the count exact under
 * parallel requests.
 */
create or replace function private.enforce_write_quota()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  quota_window interval := tg_argv[0]::interval;
  quota_limit integer := tg_argv[1]::integer;
  written integer;
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  perform pg_advisory_xact_lock(hashtextextended(tg_table_name || ':' || new.profile_id::text, 0));
  execute format('select count(*) from (select 1 from %I.%I x where x.profile_id = $1 and x.%I > now() - $2 limit $3) recent',
                 tg_table_schema, tg_table_name, tg_argv[2])
    into written using new.profile_id, quota_window, quota_limit;
  if written >= quota_limit then
    raise exception 'That’s more than we can take in at once. Please try again later.'
      using errcode = 'PT429', detail = 'write_quota', hint = format('at most %s in %s', quota_limit, quota_window);
  end if;
  return new;
end;
$$;
revoke all on function private.enforce_write_quota() from public, anon, authenticated;

-- Views, opens, declines and snoozes: a busy reader opens a few dozen items an hour.
create trigger on_interactions_quota
  before insert on public.interactions
  for each row execute function private.enforce_write_quota('1 hour', '300', 'at');

-- Survey results: a retake is a deliberate act; ten a day is plenty.
create trigger on_personality_results_quota
  before insert on public.personality_results
  for each row execute function private.enforce_write_quota('24 hours', '10', 'created_at');
