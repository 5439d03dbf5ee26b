-- The welcome personality survey (docs/decisions/004-personality-survey-data.md): versioned
-- questions and options (reference data, admin-writable), answers saved as they are chosen, and
-- results whose scores the database recomputes from the answers, so no client can store a result
-- that contradicts them. Also the profile fields the survey's last step collects.

-- ---------------------------------------------------------------------------------------------
-- Enums

-- Forrester's four advocate types, in the fixed order E, V, S, C that labels and vectors use.
create type public.personality as enum ('educator', 'validator', 'status_seeker', 'collaborator');
-- How an advocate likes to be thanked (the HubSpot study's four rewards, in E, V, S, C order).
create type public.recognition_preference as enum ('thank_you_letter', 'small_gift', 'career_content', 'early_access');
-- The "jobs" advocates want the program to do for them (the Reference Point newsletter).
create type public.advocate_goal as enum ('build_reputation', 'grow_network', 'influence_product', 'advance_career', 'learn');

-- ---------------------------------------------------------------------------------------------
-- Reference data: versions, questions, options

create table public.survey_versions (
  id bigint generated always as identity primary key,
  title text not null,
  is_active boolean not null default false,
  created_at timestamptz not null default now(),
  constraint survey_versions_title_check check (char_length(title) between 1 and 120 and title !~ '^\s|\s$')
);
-- Exactly one version is offered to advocates at a time.
create unique index survey_versions_one_active_idx on public.survey_versions (is_active) where is_active;

create table public.survey_questions (
  id bigint generated always as identity primary key,
  survey_version_id bigint not null references public.survey_versions (id) on delete cascade,
  position smallint not null,
  prompt text not null,
  constraint survey_questions_position_check check (position between 1 and 5),
  constraint survey_questions_prompt_check check (char_length(prompt) between 1 and 300 and prompt !~ '^\s|\s$'),
  constraint survey_questions_position_key unique (survey_version_id, position),
  -- Target of survey_responses' composite FK: the question belongs to the answered version.
  constraint survey_questions_version_id_key unique (survey_version_id, id)
);

create table public.survey_options (
  id bigint generated always as identity primary key,
  question_id bigint not null references public.survey_questions (id) on delete cascade,
  position smallint not null,
  label text not null,
  personality public.personality not null,
  constraint survey_options_position_check check (position between 1 and 4),
  constraint survey_options_label_check check (char_length(label) between 1 and 200 and label !~ '^\s|\s$'),
  constraint survey_options_position_key unique (question_id, position),
  -- One option per personality, so each answer adds 1 to exactly one score.
  constraint survey_options_personality_key unique (question_id, personality),
  -- Target of survey_responses' composite FK: the option belongs to the answered question.
  constraint survey_options_question_id_key unique (question_id, id)
);

comment on table public.survey_versions is
  'Welcome-survey versions. Wording changes are data: a new version, or an admin edit of the active one.';
comment on column public.survey_versions.is_active is 'At most one row is true (survey_versions_one_active_idx).';
comment on table public.survey_questions is 'Five questions per version, position 1–5.';
comment on table public.survey_options is
  'Four options per question, one per personality; choosing one adds 1 to that personality''s score.';

-- ---------------------------------------------------------------------------------------------
-- Per advocate: responses in progress, and results

create table public.survey_responses (
  profile_id uuid not null references public.profiles (id) on delete cascade,
  survey_version_id bigint not null,
  question_id bigint not null,
  option_id bigint not null,
  answered_at timestamptz not null default now(),
  primary key (profile_id, question_id),
  constraint survey_responses_question_fkey foreign key (survey_version_id, question_id)
    references public.survey_questions (survey_version_id, id) on delete cascade,
  constraint survey_responses_option_fkey foreign key (question_id, option_id)
    references public.survey_options (question_id, id) on delete cascade
);
create index survey_responses_version_question_idx on public.survey_responses (survey_version_id, question_id);
create index survey_responses_question_option_idx on public.survey_responses (question_id, option_id);

comment on table public.survey_responses is
  'Answers saved as they are chosen (upsert on profile_id, question_id), so the survey resumes on any device. Cleared when a result is recorded.';
comment on column public.survey_responses.answered_at is 'Set by the database on insert and on every change.';

create table public.personality_results (
  id bigint generated always as identity primary key,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  survey_version_id bigint not null references public.survey_versions (id),
  educator_score smallint not null,
  validator_score smallint not null,
  status_seeker_score smallint not null,
  collaborator_score smallint not null,
  primary_personality public.personality not null,
  secondary_personality public.personality,
  label text not null,
  vector real[4] not null,
  predicted_recognition public.recognition_preference not null,
  answers jsonb not null,
  created_at timestamptz not null default now(),
  constraint personality_results_scores_check check (
    educator_score between 0 and 5 and validator_score between 0 and 5
    and status_seeker_score between 0 and 5 and collaborator_score between 0 and 5
    and educator_score + validator_score + status_seeker_score + collaborator_score = 5
  ),
  constraint personality_results_secondary_check check (secondary_personality is distinct from primary_personality),
  constraint personality_results_vector_check check (array_ndims(vector) = 1 and cardinality(vector) = 4),
  constraint personality_results_answers_check check (jsonb_typeof(answers) = 'array'),
  constraint personality_results_label_check check (char_length(label) between 1 and 60)
);
create index personality_results_profile_latest_idx on public.personality_results (profile_id, created_at desc, id desc);
create index personality_results_survey_version_id_idx on public.personality_results (survey_version_id);

comment on table public.personality_results is
  'One row per completed survey; history is kept. The latest row (created_at desc, id desc) is the advocate''s personality. on_personality_results_written rejects rows that disagree with their answers.';
comment on column public.personality_results.label is
  'Educator | Validator | Status Seeker | Collaborator, ''Primary–Secondary'' (en dash) for 3-2 and 2-2-1, or Balanced for 2-1-1-1.';
comment on column public.personality_results.vector is 'score / 5 in the order educator, validator, status_seeker, collaborator.';
comment on column public.personality_results.predicted_recognition is
  'From the primary personality: educator → thank_you_letter, validator → small_gift, status_seeker → career_content, collaborator → early_access.';
comment on column public.personality_results.answers is
  'The answers the scores come from: [{"question_id": n, "option_id": n}, …], exactly one per question of the version.';

-- ---------------------------------------------------------------------------------------------
-- Profile fields collected by the survey's last step

/** True when an array holds no NULL and no value twice (check constraints cannot use subqueries). */
create or replace function private.is_distinct_array(items anyarray)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select array_position(items, null) is null
     and (select count(*) = count(distinct v) from unnest(items) as v)
$$;
revoke all on function private.is_distinct_array(anyarray) from public;
-- Check constraints run with the writer's rights, so the roles that update profiles need it.
grant execute on function private.is_distinct_array(anyarray) to authenticated, service_role;

alter table public.profiles
  add column company text,
  add column job_title text,
  add column industry text,
  add column recognition_preference public.recognition_preference,
  add column goals public.advocate_goal[] not null default '{}',
  add column show_on_wall boolean not null default false,
  add column wall_show_name boolean not null default false,
  add column wall_show_company boolean not null default false,
  add column wall_show_photo boolean not null default false,
  -- Trimmed, one line, 1–120 characters (NULL when not given; an empty string is not a value).
  add constraint profiles_company_check check (
    char_length(company) between 1 and 120 and company !~ '^\s|\s$' and company !~ '[[:cntrl:]]'
  ),
  add constraint profiles_job_title_check check (
    char_length(job_title) between 1 and 120 and job_title !~ '^\s|\s$' and job_title !~ '[[:cntrl:]]'
  ),
  add constraint profiles_industry_check check (
    char_length(industry) between 1 and 120 and industry !~ '^\s|\s$' and industry !~ '[[:cntrl:]]'
  ),
  add constraint profiles_goals_check check (coalesce(array_ndims(goals), 1) = 1 and private.is_distinct_array(goals));

comment on column public.profiles.recognition_preference is
  'NULL until the advocate confirms or changes the prediction in personality_results.predicted_recognition.';
comment on column public.profiles.goals is 'What the advocate wants from the program; no duplicates.';
comment on column public.profiles.show_on_wall is 'Consent to appear on the recognition wall at all (off by default).';
comment on column public.profiles.wall_show_name is 'Consent to show the display name on the wall (off by default).';
comment on column public.profiles.wall_show_company is 'Consent to show the company on the wall (off by default).';
comment on column public.profiles.wall_show_photo is 'Consent to show the avatar on the wall (off by default).';

-- The owner edits the new fields too; ids and timestamps stay out of reach.
grant update (
  display_name, avatar_url, company, job_title, industry, recognition_preference, goals,
  show_on_wall, wall_show_name, wall_show_company, wall_show_photo
) on table public.profiles to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Grants: reference tables are read by every signed-in user and written by admins (policies
-- below); columns an admin may set exclude ids and timestamps, and an option's personality is
-- fixed (changing what an answer means is a new version).

revoke all on table public.survey_versions, public.survey_questions, public.survey_options,
  public.survey_responses, public.personality_results from anon, authenticated;

grant select, delete on table public.survey_versions to authenticated;
grant insert (title, is_active), update (title, is_active) on table public.survey_versions to authenticated;
grant select, delete on table public.survey_questions to authenticated;
grant insert (survey_version_id, position, prompt), update (position, prompt) on table public.survey_questions to authenticated;
grant select, delete on table public.survey_options to authenticated;
grant insert (question_id, position, label, personality), update (position, label) on table public.survey_options to authenticated;

-- Responses are upserted (PostgREST's ON CONFLICT DO UPDATE sets every column it was sent).
grant select, delete on table public.survey_responses to authenticated;
grant insert (profile_id, survey_version_id, question_id, option_id),
  update (profile_id, survey_version_id, question_id, option_id) on table public.survey_responses to authenticated;

-- Results are insert-only for users; id and created_at are the database's.
grant select on table public.personality_results to authenticated;
grant insert (
  profile_id, survey_version_id, educator_score, validator_score, status_seeker_score, collaborator_score,
  primary_personality, secondary_personality, label, vector, predicted_recognition, answers
) on table public.personality_results to authenticated;

grant all on table public.survey_versions, public.survey_questions, public.survey_options,
  public.survey_responses, public.personality_results to service_role;

alter table public.survey_versions enable row level security;
alter table public.survey_questions enable row level security;
alter table public.survey_options enable row level security;
alter table public.survey_responses enable row level security;
alter table public.personality_results enable row level security;

-- ---------------------------------------------------------------------------------------------
-- RLS: reference tables

-- Every signed-in user reads every version (old ones too, to interpret their past results).
create policy survey_versions_select_authenticated on public.survey_versions
  for select to authenticated using (true);
-- Only admins publish survey versions.
create policy survey_versions_insert_admin on public.survey_versions
  for insert to authenticated with check ((select private.is_admin()));
-- Only admins edit a version's title or switch the active version.
create policy survey_versions_update_admin on public.survey_versions
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
-- Only admins remove a version (refused by the FK once results point at it).
create policy survey_versions_delete_admin on public.survey_versions
  for delete to authenticated using ((select private.is_admin()));

-- Every signed-in user reads the questions, to take the survey and to show past answers.
create policy survey_questions_select_authenticated on public.survey_questions
  for select to authenticated using (true);
-- Only admins add questions.
create policy survey_questions_insert_admin on public.survey_questions
  for insert to authenticated with check ((select private.is_admin()));
-- Only admins reword or reorder questions.
create policy survey_questions_update_admin on public.survey_questions
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
-- Only admins remove questions.
create policy survey_questions_delete_admin on public.survey_questions
  for delete to authenticated using ((select private.is_admin()));

-- Every signed-in user reads the options (and which personality each stands for: not a secret,
-- and the database checks results against it anyway).
create policy survey_options_select_authenticated on public.survey_options
  for select to authenticated using (true);
-- Only admins add options.
create policy survey_options_insert_admin on public.survey_options
  for insert to authenticated with check ((select private.is_admin()));
-- Only admins reword or reorder options.
create policy survey_options_update_admin on public.survey_options
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
-- Only admins remove options.
create policy survey_options_delete_admin on public.survey_options
  for delete to authenticated using ((select private.is_admin()));

-- ---------------------------------------------------------------------------------------------
-- RLS: responses and results

-- Advocates resume their own survey; admins read everyone's progress to run the program. One
-- policy, so the select is evaluated once per row.
create policy survey_responses_select_own_or_admin on public.survey_responses
  for select to authenticated
  using (profile_id = (select auth.uid()) or (select private.is_admin()));
-- Advocates save their own answers, and only to the version currently offered.
create policy survey_responses_insert_own on public.survey_responses
  for insert to authenticated
  with check (
    profile_id = (select auth.uid())
    and exists (select 1 from public.survey_versions v where v.id = survey_version_id and v.is_active)
  );
-- Changing an answer (the upsert's update) follows the same rules as saving it.
create policy survey_responses_update_own on public.survey_responses
  for update to authenticated
  using (profile_id = (select auth.uid()))
  with check (
    profile_id = (select auth.uid())
    and exists (select 1 from public.survey_versions v where v.id = survey_version_id and v.is_active)
  );
-- Advocates clear their own answers (a restart; recording a result does it too).
create policy survey_responses_delete_own on public.survey_responses
  for delete to authenticated
  using (profile_id = (select auth.uid()));

-- Advocates see their own results and history; admins see everyone's to match asks and rewards.
create policy personality_results_select_own_or_admin on public.personality_results
  for select to authenticated
  using (profile_id = (select auth.uid()) or (select private.is_admin()));
-- Advocates record only their own results (the trigger checks them against the answers). There
-- is no update or delete policy: history is append-only for users.
create policy personality_results_insert_own on public.personality_results
  for insert to authenticated
  with check (profile_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- Scoring in SQL: the same rule as supabase/functions/_shared/personality.ts (tests compare the
-- two over all 1024 answer sets).

/**
 * Validates `answers` against a version's questions and options and computes what a result for
 * them must contain. Raises 22023 (invalid_parameter_value) with a readable message for an
 * unknown version, a malformed or incomplete answer list, a duplicate or foreign question, or an
 * option that does not belong to its question. Invoker rights: it reads only reference tables
 * every signed-in user may read. Does not check that the version is active (the trigger does).
 */
create or replace function private.compute_personality_result(
  p_survey_version_id bigint,
  p_answers jsonb,
  out educator_score smallint,
  out validator_score smallint,
  out status_seeker_score smallint,
  out collaborator_score smallint,
  out primary_personality public.personality,
  out secondary_personality public.personality,
  out label text,
  out vector real[],
  out predicted_recognition public.recognition_preference
)
language plpgsql
stable
set search_path = ''
as $$
declare
  personalities constant public.personality[] := enum_range(null::public.personality);
  names constant text[] := array['Educator', 'Validator', 'Status Seeker', 'Collaborator'];
  rewards constant public.recognition_preference[] := enum_range(null::public.recognition_preference);
  scores int[] := array[0, 0, 0, 0];
  seen bigint[] := '{}';
  answer jsonb;
  answer_question bigint;
  answer_option bigint;
  chosen public.personality;
  top int;
  first_top int;
  second_top int;
begin
  perform 1 from public.survey_versions v where v.id = p_survey_version_id;
  if not found then
    raise exception 'survey version % does not exist', p_survey_version_id using errcode = '22023';
  end if;
  if p_answers is null or jsonb_typeof(p_answers) <> 'array' then
    raise exception 'answers must be an array of {"question_id", "option_id"} objects' using errcode = '22023';
  end if;
  if jsonb_array_length(p_answers) <> 5 then
    raise exception 'expected 5 answers (one per question), got %', jsonb_array_length(p_answers) using errcode = '22023';
  end if;

  for answer in select value from jsonb_array_elements(p_answers) loop
    if jsonb_typeof(answer) <> 'object'
       or coalesce(answer ->> 'question_id', '') !~ '^[1-9][0-9]{0,17}$'
       or coalesce(answer ->> 'option_id', '') !~ '^[1-9][0-9]{0,17}$'
       or jsonb_typeof(answer -> 'question_id') <> 'number' or jsonb_typeof(answer -> 'option_id') <> 'number' then
      raise exception 'each answer must be {"question_id": <id>, "option_id": <id>}, got %', answer using errcode = '22023';
    end if;
    answer_question := (answer ->> 'question_id')::bigint;
    answer_option := (answer ->> 'option_id')::bigint;
    if answer_question = any(seen) then
      raise exception 'question % is answered more than once', answer_question using errcode = '22023';
    end if;
    seen := seen || answer_question;
    perform 1 from public.survey_questions q where q.id = answer_question and q.survey_version_id = p_survey_version_id;
    if not found then
      raise exception 'question % is not part of survey version %', answer_question, p_survey_version_id using errcode = '22023';
    end if;
    select o.personality into chosen from public.survey_options o where o.id = answer_option and o.question_id = answer_question;
    if not found then
      raise exception 'option % does not belong to question %', answer_option, answer_question using errcode = '22023';
    end if;
    scores[array_position(personalities, chosen)] := scores[array_position(personalities, chosen)] + 1;
  end loop;
  -- Five distinct questions of the version, whose positions are unique within 1–5: all of them.

  educator_score := scores[1];
  validator_score := scores[2];
  status_seeker_score := scores[3];
  collaborator_score := scores[4];
  vector := array[scores[1] / 5.0, scores[2] / 5.0, scores[3] / 5.0, scores[4] / 5.0]::real[];

  top := greatest(scores[1], scores[2], scores[3], scores[4]);
  first_top := array_position(scores, top);
  primary_personality := personalities[first_top];
  predicted_recognition := rewards[first_top];
  if top = 3 and 2 = any(scores) then
    -- 3-2: primary + secondary.
    second_top := array_position(scores, 2);
  elsif top = 2 and array_position(scores, 2, first_top + 1) is not null then
    -- 2-2-1: dual, both in the fixed order E, V, S, C.
    second_top := array_position(scores, 2, first_top + 1);
  end if;

  if second_top is not null then
    secondary_personality := personalities[second_top];
    label := names[first_top] || '–' || names[second_top];
  elsif top = 2 then
    -- 2-1-1-1: no dominant type; the primary is the 2.
    label := 'Balanced';
  else
    -- 5, 4-1, 3-1-1: a single type.
    label := names[first_top];
  end if;
end;
$$;
revoke all on function private.compute_personality_result(bigint, jsonb) from public;
-- The trigger runs with the writer's rights, and a function it calls needs EXECUTE.
grant execute on function private.compute_personality_result(bigint, jsonb) to authenticated, service_role;

/**
 * Rejects a result that disagrees with its own answers (scores, personalities, label, vector,
 * predicted recognition) or, for a new row, whose version is not the active one. Invoker rights:
 * the reads go to reference tables every signed-in user may read.
 */
create or replace function private.check_personality_result()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  expected record;
begin
  if tg_op = 'INSERT' then
    perform 1 from public.survey_versions v where v.id = new.survey_version_id and v.is_active;
    if not found then
      if exists (select 1 from public.survey_versions v where v.id = new.survey_version_id) then
        raise exception 'survey version % is not the active version', new.survey_version_id using errcode = '22023';
      end if;
      raise exception 'survey version % does not exist', new.survey_version_id using errcode = '22023';
    end if;
  end if;

  select * into expected from private.compute_personality_result(new.survey_version_id, new.answers);

  if (new.educator_score, new.validator_score, new.status_seeker_score, new.collaborator_score)
     is distinct from (expected.educator_score, expected.validator_score, expected.status_seeker_score, expected.collaborator_score) then
    raise exception 'scores (educator %, validator %, status_seeker %, collaborator %) disagree with the answers, which give (%, %, %, %)',
      new.educator_score, new.validator_score, new.status_seeker_score, new.collaborator_score,
      expected.educator_score, expected.validator_score, expected.status_seeker_score, expected.collaborator_score
      using errcode = '23514';
  end if;
  if new.primary_personality is distinct from expected.primary_personality then
    raise exception 'primary_personality % disagrees with the answers, which give %', new.primary_personality, expected.primary_personality
      using errcode = '23514';
  end if;
  if new.secondary_personality is distinct from expected.secondary_personality then
    raise exception 'secondary_personality % disagrees with the answers, which give %',
      coalesce(new.secondary_personality::text, 'null'), coalesce(expected.secondary_personality::text, 'null')
      using errcode = '23514';
  end if;
  if new.label is distinct from expected.label then
    raise exception 'label "%" disagrees with the answers, which give "%"', new.label, expected.label using errcode = '23514';
  end if;
  if new.vector is distinct from expected.vector then
    raise exception 'vector % disagrees with the answers, which give %', new.vector, expected.vector using errcode = '23514';
  end if;
  if new.predicted_recognition is distinct from expected.predicted_recognition then
    raise exception 'predicted_recognition % disagrees with the primary personality, which gives %',
      new.predicted_recognition, expected.predicted_recognition using errcode = '23514';
  end if;
  return new;
end;
$$;
revoke all on function private.check_personality_result() from public, anon, authenticated;

create trigger on_personality_results_written
  before insert or update of survey_version_id, educator_score, validator_score, status_seeker_score, collaborator_score,
    primary_personality, secondary_personality, label, vector, predicted_recognition, answers
  on public.personality_results
  for each row execute function private.check_personality_result();

/**
 * A recorded result ends the attempt: the advocate's saved answers for that version go, so a
 * retake starts clean. Invoker rights suffice: the row's owner may delete their own responses
 * (survey_responses_delete_own), and the insert policy makes the owner the writer.
 */
create or replace function private.clear_survey_responses()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  delete from public.survey_responses r
   where r.profile_id = new.profile_id and r.survey_version_id = new.survey_version_id;
  return null;
end;
$$;
revoke all on function private.clear_survey_responses() from public, anon, authenticated;

create trigger on_personality_results_created
  after insert on public.personality_results
  for each row execute function private.clear_survey_responses();

/** Keeps `answered_at` the time the answer was last chosen, whatever the client sends. */
create or replace function private.set_answered_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.answered_at := now();
  return new;
end;
$$;
revoke all on function private.set_answered_at() from public, anon, authenticated;

create trigger on_survey_responses_updated
  before update on public.survey_responses
  for each row execute function private.set_answered_at();

-- ---------------------------------------------------------------------------------------------
-- Reference data: the first version's wording. Options are stored in varied positions (the UI
-- shuffles them as well) so that no column always means the same personality.

with version as (
  insert into public.survey_versions (title, is_active)
  values ('Welcome survey', true)
  returning id
),
questions (position, prompt) as (
  values
    (1, 'If you presented at one of our events, what would you most like to do?'),
    (2, 'A peer at another company is thinking about using the product. What would you do?'),
    (3, 'Which of these community activities sounds best to you?'),
    (4, 'What would make this program worth your time?'),
    (5, 'You have a free hour next month. Which task would you pick?')
),
inserted_questions as (
  insert into public.survey_questions (survey_version_id, position, prompt)
  select version.id, questions.position, questions.prompt from version, questions
  returning id, position
),
options (question_position, position, personality, label) as (
  values
    (1, 1, 'educator'::public.personality, 'Teach other customers how to get more out of the product'),
    (1, 2, 'validator', 'Share honest, real-world results with people who are deciding whether to buy'),
    (1, 3, 'status_seeker', 'Give a talk on a topic I choose, under my own name'),
    (1, 4, 'collaborator', 'Join a small, closed-door session that shapes what the product does next'),
    (2, 1, 'validator', 'Give them a candid call with the pros and the cons'),
    (2, 2, 'collaborator', 'Tell your product team what they would need before saying yes'),
    (2, 3, 'educator', 'Walk them through how I set things up'),
    (2, 4, 'status_seeker', 'Point them to a talk or post where I shared my results'),
    (3, 1, 'status_seeker', 'Being featured in a spotlight interview'),
    (3, 2, 'educator', 'Answering other members'' questions'),
    (3, 3, 'collaborator', 'Trying out a new feature before anyone else'),
    (3, 4, 'validator', 'Writing an honest review'),
    (4, 1, 'collaborator', 'Having a say in where the product goes'),
    (4, 2, 'status_seeker', 'Growing my profile and my career'),
    (4, 3, 'validator', 'Knowing my honest opinion counts'),
    (4, 4, 'educator', 'Helping other people succeed'),
    (5, 1, 'educator', 'Record a short how-to video'),
    (5, 2, 'status_seeker', 'Co-write a blog post that carries my name'),
    (5, 3, 'validator', 'Write a short review of what works and what does not'),
    (5, 4, 'collaborator', 'Have a 1:1 chat with a product manager about what comes next')
)
insert into public.survey_options (question_id, position, label, personality)
select q.id, o.position, o.label, o.personality
  from options o join inserted_questions q on q.position = o.question_position;
