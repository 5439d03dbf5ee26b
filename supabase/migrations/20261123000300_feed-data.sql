-- The personalised feed's data (issue 5, docs/decisions/005-matching-engine.md "Inputs the
-- database must provide"): the program-settings row, CRM account data, asks (opportunities) and
-- gives (content items), the cross-team ask ledger, the append-only interaction log, submissions
-- for accepted asks, the append-only points ledger, and the admin RPC that reviews a submission.

-- ---------------------------------------------------------------------------------------------
-- Enums (the same values, in the same order, as supabase/functions/_shared/matching/types.ts)

-- The program playbook's activity spectrum (domain.md §3).
create type public.opportunity_type as enum (
  'review', 'testimonial', 'video_clip', 'written_story', 'case_study', 'reference_call', 'speaking',
  'content_co_creation', 'advisory_board', 'referral', 'beta_feedback', 'social_share', 'peer_intro'
);
create type public.effort as enum ('low', 'medium', 'high');
-- What an ask is worth to the program (domain.md §3's "value" column).
create type public.ask_value as enum ('low', 'medium', 'high', 'very_high');
-- Reference-program tiers, ascending: a minimum tier admits itself and every later one.
create type public.tier as enum ('bronze', 'silver', 'gold', 'platinum');
create type public.opportunity_status as enum ('draft', 'open', 'paused', 'closed');
-- Gives (domain.md §4); never equal to an opportunity type.
create type public.content_kind as enum ('career_content', 'early_access', 'how_to', 'event_promo', 'community_highlight');
create type public.ask_state as enum ('open', 'accepted', 'completed', 'declined', 'expired');
create type public.interaction_kind as enum ('shown', 'opened', 'accepted', 'declined', 'snoozed', 'submitted', 'approved', 'rejected');
create type public.feed_item_kind as enum ('ask', 'content');
-- The teams that ask advocates for things; every ask goes through the one ledger (domain.md §5).
create type public.requesting_team as enum ('marketing', 'sales', 'product', 'events', 'customer_success', 'community');
create type public.submission_status as enum ('submitted', 'approved', 'rejected');

/** True when every element of a real[] is within 0–1 and none is NULL (checks cannot use subqueries). */
create or replace function private.is_unit_weights(weights real[])
returns boolean
language sql
immutable
set search_path = ''
as $$
  select array_ndims(weights) = 1 and cardinality(weights) = 4
     and array_position(weights, null) is null
     and 0 <= all(weights) and 1 >= all(weights)
$$;
revoke all on function private.is_unit_weights(real[]) from public;
-- Check constraints run with the writer's rights.
grant execute on function private.is_unit_weights(real[]) to authenticated, service_role;

/** Segments are short slugs (enterprise, mid_market, smb…), so matching them is exact. */
create or replace function private.is_segment_list(segments text[])
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(array_ndims(segments), 1) = 1 and private.is_distinct_array(segments)
     and coalesce((select bool_and(s ~ '^[a-z][a-z0-9_]{0,39}$') from unnest(segments) s), true)
$$;
revoke all on function private.is_segment_list(text[]) from public;
grant execute on function private.is_segment_list(text[]) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Program settings: one row, one column per FeedSettings field, with its defaults.

create table public.program_settings (
  id boolean primary key default true,
  min_nps smallint not null default 9,
  detractor_max_nps smallint not null default 6,
  nps_max_age_days integer,
  min_health_score smallint not null default 70,
  min_tenure_months smallint not null default 3,
  active_within_days integer not null default 30,
  max_open_asks smallint not null default 2,
  max_accepted_asks smallint not null default 2,
  accepted_asks_window_days integer not null default 30,
  type_cooldowns jsonb not null default '{"reference_call": {"maxAsks": 2, "windowDays": 90}}',
  declined_hidden_days integer not null default 30,
  low_barrier_completed_asks smallint not null default 3,
  medium_effort_unlock_completed_asks smallint not null default 1,
  high_effort_unlock_completed_asks smallint not null default 3,
  ask_spacing smallint not null default 3,
  page_size smallint not null default 20,
  freshness_half_life_days integer not null default 14,
  score_weights jsonb not null default '{"affinity": 0.45, "goals": 0.25, "freshness": 0.15, "tierProgress": 0.1, "value": 0.05}',
  cursor_max_age_minutes integer not null default 60,
  updated_at timestamptz not null default now(),
  updated_by uuid references public.profiles (id) on delete set null,
  constraint program_settings_single_row_check check (id),
  constraint program_settings_nps_check check (min_nps between 0 and 10 and detractor_max_nps between 0 and 10),
  constraint program_settings_health_check check (min_health_score between 0 and 100),
  constraint program_settings_positive_check check (
    coalesce(nps_max_age_days, 1) >= 1 and min_tenure_months >= 0 and active_within_days >= 1
    and max_open_asks >= 0 and max_accepted_asks >= 0 and accepted_asks_window_days >= 1
    and declined_hidden_days >= 0 and low_barrier_completed_asks >= 0
    and medium_effort_unlock_completed_asks >= 0 and high_effort_unlock_completed_asks >= 0
    and freshness_half_life_days >= 1 and cursor_max_age_minutes >= 1
  ),
  constraint program_settings_compose_check check (ask_spacing >= 2 and page_size between 1 and 100),
  -- Shapes only; the feed function validates the contents with Zod (ADR 005).
  constraint program_settings_jsonb_check check (jsonb_typeof(type_cooldowns) = 'object' and jsonb_typeof(score_weights) = 'object')
);
create index program_settings_updated_by_idx on public.program_settings (updated_by);

comment on table public.program_settings is
  'The feed''s rules (ADR 005 FeedSettings, snake_case): exactly one row (id = true). Every signed-in user reads it; admins edit it.';
comment on column public.program_settings.type_cooldowns is
  'FeedSettings.typeCooldowns: {"<opportunity_type>": {"maxAsks": n, "windowDays": n}, …}.';
comment on column public.program_settings.score_weights is
  'FeedSettings.scoreWeights: {"affinity", "goals", "freshness", "tierProgress", "value"}.';
comment on column public.program_settings.nps_max_age_days is 'NULL accepts an NPS of any age.';
comment on column public.program_settings.updated_by is 'The admin who last changed the row (on_program_settings_updated).';

insert into public.program_settings default values;

/** Stamps who changed the settings and when, whatever the client sends. */
create or replace function private.stamp_program_settings()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  new.updated_by := auth.uid();
  return new;
end;
$$;
revoke all on function private.stamp_program_settings() from public, anon, authenticated;

create trigger on_program_settings_updated
  before update on public.program_settings
  for each row execute function private.stamp_program_settings();

-- ---------------------------------------------------------------------------------------------
-- CRM account data per advocate (what an import provides; the seed provides it for now)

create table public.advocate_accounts (
  profile_id uuid primary key references public.profiles (id) on delete cascade,
  segment text,
  nps smallint,
  nps_at timestamptz,
  health_score smallint,
  customer_since date,
  last_active_at timestamptz,
  csm_name text,
  csm_notes text,
  company text,
  industry text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint advocate_accounts_segment_check check (segment ~ '^[a-z][a-z0-9_]{0,39}$'),
  constraint advocate_accounts_nps_check check (nps between 0 and 10),
  -- A score without its date cannot be aged, and a date without a score means nothing.
  constraint advocate_accounts_nps_at_check check ((nps is null) = (nps_at is null)),
  constraint advocate_accounts_health_score_check check (health_score between 0 and 100),
  constraint advocate_accounts_text_check check (
    char_length(csm_name) between 1 and 120 and char_length(company) between 1 and 120
    and char_length(industry) between 1 and 120 and char_length(csm_notes) between 1 and 4000
  )
);

comment on table public.advocate_accounts is
  'CRM/CS data per advocate, for the eligibility gate (domain.md §2.3). Admins only: advocates never see their own health score, NPS or CSM notes. The feed function reads the caller''s row with the service role, filtered by the verified user id.';
comment on column public.advocate_accounts.segment is 'Slug (enterprise, mid_market, smb…) matched against opportunities/content_items.target_segments.';
comment on column public.advocate_accounts.nps is 'Latest NPS answer, 0–10; ≤ program_settings.detractor_max_nps is a detractor.';
comment on column public.advocate_accounts.customer_since is 'Tenure starts here (calendar months, UTC).';
comment on column public.advocate_accounts.last_active_at is 'Latest product-usage signal.';

create trigger on_advocate_accounts_updated
  before update on public.advocate_accounts
  for each row execute function private.set_updated_at();

-- ---------------------------------------------------------------------------------------------
-- Asks and gives

create table public.opportunities (
  id bigint generated always as identity primary key,
  type public.opportunity_type not null,
  title text not null,
  body text not null,
  effort public.effort not null,
  value public.ask_value not null,
  points integer not null default 0,
  estimated_minutes integer,
  affinity real[] not null,
  goal_tags public.advocate_goal[] not null default '{}',
  min_tier public.tier,
  target_segments text[] not null default '{}',
  capacity integer,
  accepted_count integer not null default 0,
  starts_at timestamptz,
  ends_at timestamptz,
  team public.requesting_team not null,
  status public.opportunity_status not null default 'draft',
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint opportunities_title_check check (char_length(title) between 1 and 120 and title !~ '^\s|\s$'),
  constraint opportunities_body_check check (char_length(body) between 1 and 8000),
  constraint opportunities_points_check check (points between 0 and 10000),
  constraint opportunities_estimated_minutes_check check (estimated_minutes between 1 and 10000),
  constraint opportunities_affinity_check check (private.is_unit_weights(affinity)),
  constraint opportunities_goal_tags_check check (coalesce(array_ndims(goal_tags), 1) = 1 and private.is_distinct_array(goal_tags)),
  constraint opportunities_target_segments_check check (private.is_segment_list(target_segments)),
  constraint opportunities_capacity_check check (capacity >= 1),
  constraint opportunities_accepted_count_check check (accepted_count >= 0),
  constraint opportunities_window_check check (ends_at > starts_at)
);
create index opportunities_status_idx on public.opportunities (status);
create index opportunities_created_by_idx on public.opportunities (created_by);

comment on table public.opportunities is
  'Asks the program makes of advocates (ADR 005). Signed-in users read open ones; admins read and write all.';
comment on column public.opportunities.affinity is 'Weights 0–1 for educator, validator, status_seeker, collaborator (that order).';
comment on column public.opportunities.target_segments is 'advocate_accounts.segment values; empty = every segment.';
comment on column public.opportunities.capacity is 'Places available; NULL = unlimited. capacity_left = capacity - accepted_count.';
comment on column public.opportunities.accepted_count is
  'Ledger rows for this opportunity in state accepted or completed; kept by on_ask_ledger_written.';
comment on column public.opportunities.team is 'The requesting team.';

create trigger on_opportunities_updated
  before update on public.opportunities
  for each row execute function private.set_updated_at();

create table public.content_items (
  id bigint generated always as identity primary key,
  kind public.content_kind not null,
  title text not null,
  body text not null,
  url text,
  affinity real[] not null,
  goal_tags public.advocate_goal[] not null default '{}',
  target_segments text[] not null default '{}',
  published_at timestamptz,
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint content_items_title_check check (char_length(title) between 1 and 120 and title !~ '^\s|\s$'),
  constraint content_items_body_check check (char_length(body) between 1 and 8000),
  constraint content_items_url_check check (url ~ '^https://[^\s/?#]+[^\s]*$' and char_length(url) <= 2048),
  constraint content_items_affinity_check check (private.is_unit_weights(affinity)),
  constraint content_items_goal_tags_check check (coalesce(array_ndims(goal_tags), 1) = 1 and private.is_distinct_array(goal_tags)),
  constraint content_items_target_segments_check check (private.is_segment_list(target_segments))
);
create index content_items_published_at_idx on public.content_items (published_at);
create index content_items_created_by_idx on public.content_items (created_by);

comment on table public.content_items is
  'Gives (ADR 005): signed-in users read published ones (published_at ≤ now); admins read and write all.';
comment on column public.content_items.published_at is 'NULL = draft; a future time = scheduled.';
comment on column public.content_items.affinity is 'Weights 0–1 for educator, validator, status_seeker, collaborator (that order).';

create trigger on_content_items_updated
  before update on public.content_items
  for each row execute function private.set_updated_at();

-- ---------------------------------------------------------------------------------------------
-- The ask ledger: every ask of an advocate, by any team, through the feed or directly

create table public.ask_ledger (
  id bigint generated always as identity primary key,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  opportunity_id bigint references public.opportunities (id) on delete set null,
  type public.opportunity_type not null,
  team public.requesting_team not null,
  source text not null default 'direct',
  asked_by uuid references public.profiles (id) on delete set null,
  note text,
  asked_at timestamptz not null default now(),
  state public.ask_state not null default 'open',
  decided_at timestamptz,
  completed_at timestamptz,
  constraint ask_ledger_source_check check (source in ('feed', 'direct')),
  constraint ask_ledger_note_check check (char_length(note) between 1 and 500),
  -- decided_at is when the ask left `open`; completing it does not change it (ADR 005).
  constraint ask_ledger_decided_check check ((state = 'open') = (decided_at is null) and decided_at >= asked_at),
  constraint ask_ledger_completed_check check ((state = 'completed') = (completed_at is not null) and completed_at >= decided_at),
  -- Target of submissions' composite FK: a submission has its ask's type.
  constraint ask_ledger_id_type_key unique (id, type)
);
create index ask_ledger_profile_asked_idx on public.ask_ledger (profile_id, asked_at desc);
create index ask_ledger_opportunity_id_idx on public.ask_ledger (opportunity_id);
create index ask_ledger_asked_by_idx on public.ask_ledger (asked_by);
-- An advocate holds a catalogue ask at most once at a time (the accept RPC relies on it).
create unique index ask_ledger_one_live_ask_idx on public.ask_ledger (opportunity_id, profile_id)
  where opportunity_id is not null and state in ('open', 'accepted', 'completed');

comment on table public.ask_ledger is
  'Every ask made of an advocate, any team, feed or direct: the one answer to "when was this person last asked, and by whom?". A feed ask enters when accepted, a direct ask when sent. Owners read theirs; admins read and write.';
comment on column public.ask_ledger.opportunity_id is 'NULL for a team''s ask outside the catalogue; it still counts towards caps.';
comment on column public.ask_ledger.source is 'feed (accepted in the feed) or direct (a team asked outside it).';
comment on column public.ask_ledger.decided_at is 'When the ask left open (accepted, declined, expired).';

/** Keeps opportunities.accepted_count = its ledger rows in state accepted or completed. */
create or replace function private.count_accepted_asks()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.opportunities o
     set accepted_count = (select count(*) from public.ask_ledger l
                            where l.opportunity_id = o.id and l.state in ('accepted', 'completed'))
   where o.id in (old.opportunity_id, new.opportunity_id);
  return null;
end;
$$;
revoke all on function private.count_accepted_asks() from public, anon, authenticated;

create trigger on_ask_ledger_written
  after insert or delete or update of opportunity_id, state on public.ask_ledger
  for each row execute function private.count_accepted_asks();

-- ---------------------------------------------------------------------------------------------
-- Interactions: append-only per-advocate log

create table public.interactions (
  id bigint generated always as identity primary key,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  item_kind public.feed_item_kind not null,
  opportunity_id bigint references public.opportunities (id) on delete cascade,
  content_item_id bigint references public.content_items (id) on delete cascade,
  item_id bigint generated always as (coalesce(opportunity_id, content_item_id)) stored,
  kind public.interaction_kind not null,
  at timestamptz not null default now(),
  snoozed_until timestamptz,
  decline_reason text,
  constraint interactions_item_check check (
    case item_kind when 'ask' then opportunity_id is not null and content_item_id is null
                   else content_item_id is not null and opportunity_id is null end
  ),
  -- Snoozes carry their date, up to 90 days ahead (domain.md §5); nothing else does.
  constraint interactions_snooze_check check (
    (kind = 'snoozed') = (snoozed_until is not null) and snoozed_until > at and snoozed_until <= at + interval '90 days'
  ),
  constraint interactions_decline_reason_check check (
    (kind = 'declined' or decline_reason is null) and char_length(decline_reason) between 1 and 500
  )
);
create index interactions_profile_at_idx on public.interactions (profile_id, at desc);
create index interactions_opportunity_id_idx on public.interactions (opportunity_id);
create index interactions_content_item_id_idx on public.interactions (content_item_id);
-- interactions_insert_own filters on kind; program reporting counts kinds over time.
create index interactions_kind_at_idx on public.interactions (kind, at);

comment on table public.interactions is
  'Append-only log of what each advocate did with feed items. Owners add shown/opened/declined/snoozed rows; accepted, submitted, approved and rejected are written by the RPCs that make them true.';
comment on column public.interactions.item_id is 'opportunity_id or content_item_id, whichever item_kind names (ADR 005 itemId).';
comment on column public.interactions.at is 'Set by the database (not grantable).';

-- ---------------------------------------------------------------------------------------------
-- Submissions for accepted asks, and the points ledger

create table public.submissions (
  id bigint generated always as identity primary key,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  ask_ledger_id bigint not null,
  type public.opportunity_type not null,
  payload jsonb not null,
  status public.submission_status not null default 'submitted',
  submitted_at timestamptz not null default now(),
  reviewed_by uuid references public.profiles (id) on delete set null,
  reviewed_at timestamptz,
  review_note text,
  points_awarded integer,
  constraint submissions_payload_check check (jsonb_typeof(payload) = 'object' and pg_column_size(payload) <= 65536),
  constraint submissions_review_check check ((status = 'submitted') = (reviewed_at is null)),
  constraint submissions_points_check check ((status = 'approved' or points_awarded is null) and points_awarded >= 0),
  constraint submissions_review_note_check check (char_length(review_note) between 1 and 2000),
  constraint submissions_ask_fkey foreign key (ask_ledger_id, type) references public.ask_ledger (id, type) on delete cascade
);
create index submissions_profile_id_idx on public.submissions (profile_id, submitted_at desc);
create index submissions_reviewed_by_idx on public.submissions (reviewed_by);
create index submissions_status_idx on public.submissions (status, submitted_at);
-- One live submission per accepted ask; a rejected one may be followed by another.
create unique index submissions_ask_ledger_id_idx on public.submissions (ask_ledger_id) where status <> 'rejected';
create index submissions_ask_ledger_id_type_idx on public.submissions (ask_ledger_id, type);

comment on table public.submissions is
  'What an advocate handed in for an accepted ask. payload is type-specific, validated by the shared Zod schemas. Reviewed with public.review_submission().';

create table public.points_ledger (
  id bigint generated always as identity primary key,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  delta integer not null,
  reason text not null,
  -- NO ACTION (checked at the end of the statement): a submission with points cannot be deleted
  -- on its own, but deleting the user removes both through their cascades.
  submission_id bigint references public.submissions (id),
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint points_ledger_delta_check check (delta <> 0),
  constraint points_ledger_reason_check check (char_length(reason) between 1 and 200),
  -- Approval awards a submission's points exactly once, however often or concurrently it runs.
  constraint points_ledger_submission_id_key unique (submission_id)
);
create index points_ledger_profile_id_idx on public.points_ledger (profile_id, created_at desc);
create index points_ledger_created_by_idx on public.points_ledger (created_by);

comment on table public.points_ledger is
  'Append-only points history; balances are sums. At most one row per submission (points_ledger_submission_id_key).';

-- ---------------------------------------------------------------------------------------------
-- Grants. Columns users may write exclude ids, timestamps and derived values.

revoke all on table public.program_settings, public.advocate_accounts, public.opportunities, public.content_items,
  public.ask_ledger, public.interactions, public.submissions, public.points_ledger from anon, authenticated;

grant select on table public.program_settings to authenticated;
grant update (
  min_nps, detractor_max_nps, nps_max_age_days, min_health_score, min_tenure_months, active_within_days,
  max_open_asks, max_accepted_asks, accepted_asks_window_days, type_cooldowns, declined_hidden_days,
  low_barrier_completed_asks, medium_effort_unlock_completed_asks, high_effort_unlock_completed_asks,
  ask_spacing, page_size, freshness_half_life_days, score_weights, cursor_max_age_minutes
) on table public.program_settings to authenticated;

grant select, delete on table public.advocate_accounts to authenticated;
grant insert (profile_id, segment, nps, nps_at, health_score, customer_since, last_active_at, csm_name, csm_notes, company, industry),
  update (segment, nps, nps_at, health_score, customer_since, last_active_at, csm_name, csm_notes, company, industry)
  on table public.advocate_accounts to authenticated;

grant select, delete on table public.opportunities to authenticated;
grant insert (type, title, body, effort, value, points, estimated_minutes, affinity, goal_tags, min_tier, target_segments,
              capacity, starts_at, ends_at, team, status, created_by),
  update (type, title, body, effort, value, points, estimated_minutes, affinity, goal_tags, min_tier, target_segments,
          capacity, starts_at, ends_at, team, status)
  on table public.opportunities to authenticated;

grant select, delete on table public.content_items to authenticated;
grant insert (kind, title, body, url, affinity, goal_tags, target_segments, published_at, created_by),
  update (kind, title, body, url, affinity, goal_tags, target_segments, published_at)
  on table public.content_items to authenticated;

-- The ledger is history: no delete through the API.
grant select on table public.ask_ledger to authenticated;
grant insert (profile_id, opportunity_id, type, team, source, asked_by, note, asked_at, state, decided_at, completed_at),
  update (state, decided_at, completed_at, note)
  on table public.ask_ledger to authenticated;

-- Append-only: no update or delete grant.
grant select on table public.interactions to authenticated;
grant insert (profile_id, item_kind, opportunity_id, content_item_id, kind, snoozed_until, decline_reason)
  on table public.interactions to authenticated;

grant select on table public.submissions to authenticated;
grant insert (profile_id, ask_ledger_id, type, payload) on table public.submissions to authenticated;
grant update (status, reviewed_by, reviewed_at, review_note, points_awarded) on table public.submissions to authenticated;

-- Append-only: no update or delete grant.
grant select on table public.points_ledger to authenticated;
grant insert (profile_id, delta, reason, submission_id, created_by) on table public.points_ledger to authenticated;

grant all on table public.program_settings, public.advocate_accounts, public.opportunities, public.content_items,
  public.ask_ledger, public.interactions, public.submissions, public.points_ledger to service_role;

alter table public.program_settings enable row level security;
alter table public.advocate_accounts enable row level security;
alter table public.opportunities enable row level security;
alter table public.content_items enable row level security;
alter table public.ask_ledger enable row level security;
alter table public.interactions enable row level security;
alter table public.submissions enable row level security;
alter table public.points_ledger enable row level security;

-- ---------------------------------------------------------------------------------------------
-- RLS

-- Every signed-in user reads the rules (the feed and the UI explain themselves with them).
create policy program_settings_select_authenticated on public.program_settings
  for select to authenticated using (true);
-- Only admins change the rules; the row cannot be inserted or deleted through the API (no grant).
create policy program_settings_update_admin on public.program_settings
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));

-- CRM data is the program's assessment of the customer (health, NPS, CSM notes): admins only,
-- not even the advocate it describes. The feed reads the caller's row with the service role.
create policy advocate_accounts_select_admin on public.advocate_accounts
  for select to authenticated using ((select private.is_admin()));
-- Only admins (and the service-role import) add CRM rows.
create policy advocate_accounts_insert_admin on public.advocate_accounts
  for insert to authenticated with check ((select private.is_admin()));
-- Only admins correct CRM rows.
create policy advocate_accounts_update_admin on public.advocate_accounts
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
-- Only admins remove CRM rows.
create policy advocate_accounts_delete_admin on public.advocate_accounts
  for delete to authenticated using ((select private.is_admin()));

-- Advocates see open asks (the feed filters by dates, tier, segment, capacity); admins see drafts,
-- paused and closed ones too. One policy, so it is evaluated once per row.
create policy opportunities_select_open_or_admin on public.opportunities
  for select to authenticated using (status = 'open' or (select private.is_admin()));
-- Only admins publish asks.
create policy opportunities_insert_admin on public.opportunities
  for insert to authenticated with check ((select private.is_admin()));
-- Only admins edit asks.
create policy opportunities_update_admin on public.opportunities
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
-- Only admins remove asks (their interactions go with them; ledger rows keep the type and team).
create policy opportunities_delete_admin on public.opportunities
  for delete to authenticated using ((select private.is_admin()));

-- Advocates see published gives; admins see drafts and scheduled ones too.
create policy content_items_select_published_or_admin on public.content_items
  for select to authenticated using (published_at <= now() or (select private.is_admin()));
-- Only admins publish gives.
create policy content_items_insert_admin on public.content_items
  for insert to authenticated with check ((select private.is_admin()));
-- Only admins edit gives.
create policy content_items_update_admin on public.content_items
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
-- Only admins remove gives.
create policy content_items_delete_admin on public.content_items
  for delete to authenticated using ((select private.is_admin()));

-- Advocates see every ask made of them ("My activity"); admins see all, to route and cap asks.
create policy ask_ledger_select_own_or_admin on public.ask_ledger
  for select to authenticated using (profile_id = (select auth.uid()) or (select private.is_admin()));
-- Admins record direct asks; the feed's accept RPC (next migration) records feed asks with the caps.
create policy ask_ledger_insert_admin on public.ask_ledger
  for insert to authenticated with check ((select private.is_admin()));
-- Only admins move an ask along (expire it, complete it through review_submission).
create policy ask_ledger_update_admin on public.ask_ledger
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));

-- Advocates read their own log; admins read everyone's for reporting.
create policy interactions_select_own_or_admin on public.interactions
  for select to authenticated using (profile_id = (select auth.uid()) or (select private.is_admin()));
-- Advocates log only their own views, opens, declines and snoozes; the other kinds are facts
-- that RPCs record when they become true (accept with the caps, submit, review).
create policy interactions_insert_own on public.interactions
  for insert to authenticated
  with check (profile_id = (select auth.uid()) and kind in ('shown', 'opened', 'declined', 'snoozed'));

-- Advocates see their own submissions and their review; admins see all, to review them.
create policy submissions_select_own_or_admin on public.submissions
  for select to authenticated using (profile_id = (select auth.uid()) or (select private.is_admin()));
-- Advocates submit only for an ask of theirs that they accepted (the composite FK fixes the type).
create policy submissions_insert_own on public.submissions
  for insert to authenticated
  with check (
    profile_id = (select auth.uid())
    and exists (
      select 1 from public.ask_ledger l
       where l.id = ask_ledger_id and l.profile_id = (select auth.uid()) and l.state = 'accepted'
    )
  );
-- Only admins review (review_submission also awards the points).
create policy submissions_update_admin on public.submissions
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));

-- Advocates see their own points history; admins see all.
create policy points_ledger_select_own_or_admin on public.points_ledger
  for select to authenticated using (profile_id = (select auth.uid()) or (select private.is_admin()));
-- Only admins award points (review_submission, or a manual adjustment).
create policy points_ledger_insert_admin on public.points_ledger
  for insert to authenticated with check ((select private.is_admin()));

-- ---------------------------------------------------------------------------------------------
-- Review RPC

/**
 * Approves or rejects a submission. Invoker rights: RLS and the grants above apply, and an
 * explicit admin check refuses everyone else with 42501. Idempotent and race-safe: the row is
 * locked (`for update`), so a second call waits, then sees the decision and returns the row
 * unchanged; points_ledger_submission_id_key backs that up, so approval writes the points
 * exactly once. Approval completes the ledger ask. A different decision on a reviewed
 * submission is refused (22023). Unknown id: P0002 (404).
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
    raise exception 'submission % does not exist', review_submission.submission_id using errcode = 'P0002';
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
