-- Demo data only (reference data belongs in migrations). `npm run db:reset` runs this after the
-- migrations. Every account signs in with the password `password123` or by magic link.
--
-- The ids are fixed so that later seeds and tests can refer to these people:
--   00000000-0000-4000-8000-000000000001  admin@example.com   Morgan Lee, program admin
--   00000000-0000-4000-8000-000000000101  ava@example.com     Ava Thompson    (educator)
--   00000000-0000-4000-8000-000000000102  ben@example.com     Ben Okafor      (validator)
--   00000000-0000-4000-8000-000000000103  carmen@example.com  Carmen Ruiz     (status seeker)
--   00000000-0000-4000-8000-000000000104  dev@example.com     Dev Patel       (collaborator)
--   00000000-0000-4000-8000-000000000105  emma@example.com    Emma Schultz    (educator/validator)
--   00000000-0000-4000-8000-000000000106  farah@example.com   Farah Haddad    (new, survey not taken)
--
-- Auth finds a user by nil instance_id, aud 'authenticated' and lower(email); the token columns
-- are '' rather than NULL because hosted GoTrue fails on NULL there. `confirmed_at` is generated.
-- Profiles are not inserted here: the on_auth_users_created trigger derives them from
-- user_metadata.display_name, exactly as for a real sign-up.

with people (id, email, app_meta, user_meta) as (
  values
    ('00000000-0000-4000-8000-000000000001'::uuid, 'admin@example.com',
      '{"provider": "email", "providers": ["email"], "role": "admin"}'::jsonb,
      '{"display_name": "Morgan Lee", "company": "Example Software", "job_title": "Advocacy Program Manager"}'::jsonb),
    ('00000000-0000-4000-8000-000000000101', 'ava@example.com',
      '{"provider": "email", "providers": ["email"]}',
      '{"display_name": "Ava Thompson", "company": "Northwind Analytics", "job_title": "Head of Data Platform"}'),
    ('00000000-0000-4000-8000-000000000102', 'ben@example.com',
      '{"provider": "email", "providers": ["email"]}',
      '{"display_name": "Ben Okafor", "company": "Acme Logistics", "job_title": "VP Operations"}'),
    ('00000000-0000-4000-8000-000000000103', 'carmen@example.com',
      '{"provider": "email", "providers": ["email"]}',
      '{"display_name": "Carmen Ruiz", "company": "Brightline Health", "job_title": "Director of Engineering"}'),
    ('00000000-0000-4000-8000-000000000104', 'dev@example.com',
      '{"provider": "email", "providers": ["email"]}',
      '{"display_name": "Dev Patel", "company": "Helix Payments", "job_title": "Staff Engineer"}'),
    ('00000000-0000-4000-8000-000000000105', 'emma@example.com',
      '{"provider": "email", "providers": ["email"]}',
      '{"display_name": "Emma Schultz", "company": "Lumen Retail", "job_title": "Marketing Operations Lead"}'),
    ('00000000-0000-4000-8000-000000000106', 'farah@example.com',
      '{"provider": "email", "providers": ["email"]}',
      '{"display_name": "Farah Haddad", "company": "Cobalt Energy", "job_title": "CTO"}')
),
users as (
  insert into auth.users (
    instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
    raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
    confirmation_token, recovery_token, email_change_token_new, email_change
  )
  select
    '00000000-0000-0000-0000-000000000000', id, 'authenticated', 'authenticated', email,
    extensions.crypt('password123', extensions.gen_salt('bf')), now(),
    app_meta, user_meta || '{"email_verified": true}', now(), now(),
    '', '', '', ''
  from people
  returning id, email
)
insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select
  id::text, id,
  jsonb_build_object('sub', id::text, 'email', email, 'email_verified', true, 'phone_verified', false),
  'email', now(), now(), now()
from users;

-- =============================================================================================
-- Welcome survey (docs/decisions/004-personality-survey-data.md): results for the demo
-- advocates, recorded the way the app records them. Each row is built from answers to the active
-- version (one chosen personality per question, by position) and the scores come from
-- private.compute_personality_result, so on_personality_results_written accepts it exactly as it
-- would a submission. Farah has no result and no saved answers: she is the brand-new advocate.
--   Ava     E E E E V  (4-1)    Educator             (and an earlier attempt, to show history)
--   Ben     V V V C V  (4-1)    Validator
--   Carmen  S S E S C  (3-1-1)  Status Seeker
--   Dev     C C S C C  (4-1)    Collaborator
--   Emma    E V E V C  (2-2-1)  Educator–Validator (dual)

with picks (profile_id, picked, created_at) as (
  values
    ('00000000-0000-4000-8000-000000000101'::uuid,
      array['educator', 'validator', 'status_seeker', 'educator', 'collaborator']::public.personality[], now() - interval '30 days'),
    ('00000000-0000-4000-8000-000000000101',
      array['educator', 'educator', 'educator', 'educator', 'validator']::public.personality[], now() - interval '2 days'),
    ('00000000-0000-4000-8000-000000000102',
      array['validator', 'validator', 'validator', 'collaborator', 'validator']::public.personality[], now() - interval '9 days'),
    ('00000000-0000-4000-8000-000000000103',
      array['status_seeker', 'status_seeker', 'educator', 'status_seeker', 'collaborator']::public.personality[], now() - interval '6 days'),
    ('00000000-0000-4000-8000-000000000104',
      array['collaborator', 'collaborator', 'status_seeker', 'collaborator', 'collaborator']::public.personality[], now() - interval '4 days'),
    ('00000000-0000-4000-8000-000000000105',
      array['educator', 'validator', 'educator', 'validator', 'collaborator']::public.personality[], now() - interval '1 day')
),
answered as (
  select p.profile_id, p.created_at, v.id as survey_version_id,
         jsonb_agg(jsonb_build_object('question_id', q.id, 'option_id', o.id) order by q.position) as answers
    from picks p
    join public.survey_versions v on v.is_active
    join public.survey_questions q on q.survey_version_id = v.id
    join public.survey_options o on o.question_id = q.id and o.personality = p.picked[q.position]
   group by p.profile_id, p.created_at, v.id
)
insert into public.personality_results (
  profile_id, survey_version_id, educator_score, validator_score, status_seeker_score, collaborator_score,
  primary_personality, secondary_personality, label, vector, predicted_recognition, answers, created_at
)
select a.profile_id, a.survey_version_id, r.educator_score, r.validator_score, r.status_seeker_score, r.collaborator_score,
       r.primary_personality, r.secondary_personality, r.label, r.vector, r.predicted_recognition, a.answers, a.created_at
  from answered a
 cross join lateral private.compute_personality_result(a.survey_version_id, a.answers) r
 order by a.created_at;

-- Profile details from the sign-up metadata, plus what each advocate told the survey's last step.
update public.profiles p
   set company = u.raw_user_meta_data ->> 'company',
       job_title = u.raw_user_meta_data ->> 'job_title'
  from auth.users u
 where u.id = p.id and u.id::text like '00000000-0000-4000-8000-%';

update public.profiles p
   set industry = d.industry, goals = d.goals, recognition_preference = d.recognition,
       show_on_wall = d.wall, wall_show_name = d.wall, wall_show_company = d.wall_company, wall_show_photo = false
  from (values
    ('00000000-0000-4000-8000-000000000101'::uuid, 'Data & analytics', array['learn', 'grow_network']::public.advocate_goal[],
      'thank_you_letter'::public.recognition_preference, true, true),
    ('00000000-0000-4000-8000-000000000102', 'Logistics', array['influence_product']::public.advocate_goal[],
      'small_gift'::public.recognition_preference, true, false),
    ('00000000-0000-4000-8000-000000000103', 'Healthcare', array['build_reputation', 'advance_career', 'grow_network']::public.advocate_goal[],
      'career_content'::public.recognition_preference, true, true),
    -- Dev has not confirmed the predicted recognition yet, and stays off the wall.
    ('00000000-0000-4000-8000-000000000104', 'Financial services', array['influence_product', 'learn']::public.advocate_goal[],
      null, false, false),
    ('00000000-0000-4000-8000-000000000105', 'Retail', array['learn', 'build_reputation']::public.advocate_goal[],
      'small_gift'::public.recognition_preference, false, false),
    ('00000000-0000-4000-8000-000000000106', 'Energy', '{}'::public.advocate_goal[], null, false, false)
  ) as d (id, industry, goals, recognition, wall, wall_company)
 where p.id = d.id;
