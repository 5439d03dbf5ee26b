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

-- =============================================================================================
-- The personalised feed (docs/decisions/005-matching-engine.md, migration …_feed-data.sql):
-- CRM data for the demo advocates, asks and gives, and a few asks from different teams.
-- Program settings keep the migration's defaults.
--   Ava     enterprise   NPS 10, health 88, 2 years, active  → eligible
--   Ben     mid_market   NPS 9,  health 76, 14 months        → eligible (a reference call done, one open)
--   Carmen  enterprise   NPS 5,  health 64                   → detractor: gives only
--   Dev     smb          NPS 9,  health 81, 8 months         → eligible (declined a talk)
--   Emma    mid_market   NPS 10, health 92, 3 years          → eligible (a testimonial awaiting review)
--   Farah   smb          NPS 9,  health 74, 6 weeks          → tenure under 3 months: gives only

insert into public.advocate_accounts (
  profile_id, segment, nps, nps_at, health_score, customer_since, last_active_at, csm_name, csm_notes, company, industry
)
values
  ('00000000-0000-4000-8000-000000000101', 'enterprise', 10, now() - interval '20 days', 88,
    (now() - interval '2 years')::date, now() - interval '2 days', 'Priya Nair', 'Champion; runs an internal guild.',
    'Northwind Analytics', 'Data & analytics'),
  ('00000000-0000-4000-8000-000000000102', 'mid_market', 9, now() - interval '45 days', 76,
    (now() - interval '14 months')::date, now() - interval '5 days', 'Sam Ortiz', null, 'Acme Logistics', 'Logistics'),
  ('00000000-0000-4000-8000-000000000103', 'enterprise', 5, now() - interval '12 days', 64,
    (now() - interval '3 years')::date, now() - interval '1 day', 'Priya Nair', 'Escalation open on SSO; do not ask.',
    'Brightline Health', 'Healthcare'),
  ('00000000-0000-4000-8000-000000000104', 'smb', 9, now() - interval '60 days', 81,
    (now() - interval '8 months')::date, now() - interval '9 days', 'Lee Chen', null, 'Helix Payments', 'Financial services'),
  ('00000000-0000-4000-8000-000000000105', 'mid_market', 10, now() - interval '30 days', 92,
    (now() - interval '3 years')::date, now() - interval '3 days', 'Sam Ortiz', null, 'Lumen Retail', 'Retail'),
  ('00000000-0000-4000-8000-000000000106', 'smb', 9, now() - interval '10 days', 74,
    (now() - interval '6 weeks')::date, now() - interval '1 day', 'Lee Chen', 'Onboarding; revisit next quarter.',
    'Cobalt Energy', 'Energy');

-- Asks across the activity spectrum. Affinity is (educator, validator, status_seeker, collaborator).
insert into public.opportunities (
  type, title, body, effort, value, points, estimated_minutes, affinity, goal_tags, min_tier, target_segments,
  capacity, starts_at, ends_at, team, status, created_by, created_at
)
select type::public.opportunity_type, title, body, effort::public.effort, value::public.ask_value, points, minutes,
       affinity::real[], goals::public.advocate_goal[], min_tier::public.tier, segments::text[],
       capacity, starts, ends, team::public.requesting_team, status::public.opportunity_status,
       '00000000-0000-4000-8000-000000000001'::uuid, now() - age
  from (values
    ('review', 'Rate us on G2', 'Two minutes: a short, honest review of what works and what does not.',
      'low', 'medium', 25, 2, '{0.2,1,0.3,0.2}', '{influence_product}', null, '{}', null, null::timestamptz, null::timestamptz, 'marketing', 'open', interval '3 days'),
    ('testimonial', 'Share a one-line testimonial', 'Tell us the result you got, in a sentence. Publishing with your name is your choice.',
      'low', 'medium', 25, 5, '{0.2,0.9,0.4,0.1}', '{build_reputation}', null, '{}', null, null, null, 'marketing', 'open', interval '6 days'),
    ('social_share', 'Share the launch post', 'Repost our product launch with a line on what you will try first.',
      'low', 'low', 10, 2, '{0.3,0.2,0.8,0.1}', '{build_reputation,grow_network}', null, '{}', null, null, null, 'marketing', 'open', interval '1 day'),
    ('beta_feedback', 'Try the new dashboards beta', 'Use the beta for a week and tell the product team what is missing.',
      'low', 'high', 40, 15, '{0.2,0.3,0.1,1}', '{influence_product,learn}', null, '{}', 30, now() - interval '10 days', now() + interval '30 days', 'product', 'open', interval '10 days'),
    ('peer_intro', 'Meet a peer in your industry', 'A 20-minute intro call with a customer who is evaluating the product.',
      'low', 'high', 30, 20, '{0.5,0.6,0.3,0.3}', '{grow_network}', null, '{enterprise,mid_market}', 10, null, null, 'sales', 'open', interval '8 days'),
    ('referral', 'Refer a colleague', 'Know a team that would benefit? Introduce them, with their permission.',
      'low', 'very_high', 100, 5, '{0.2,0.6,0.6,0.2}', '{grow_network}', null, '{}', null, null, null, 'sales', 'open', interval '20 days'),
    ('video_clip', 'Record a 60-second tip', 'Film a quick tip on your favourite feature; we edit it for the community.',
      'medium', 'medium', 50, 30, '{1,0.2,0.5,0.2}', '{build_reputation,learn}', null, '{}', null, null, null, 'community', 'open', interval '4 days'),
    ('case_study', 'Be our next case study', 'Two interviews and a review of the draft; you approve every word.',
      'medium', 'high', 250, 180, '{0.3,0.8,0.7,0.2}', '{build_reputation,advance_career}', 'bronze', '{enterprise,mid_market}', 3, null, null, 'marketing', 'open', interval '15 days'),
    ('reference_call', 'Take a reference call', 'A 30-minute call with a prospect in your segment, scheduled around you.',
      'medium', 'very_high', 50, 30, '{0.3,1,0.2,0.2}', '{grow_network}', 'silver', '{}', 5, null, null, 'sales', 'open', interval '2 days'),
    ('written_story', 'Write about your rollout', 'A short blog post on how your team adopted the product.',
      'medium', 'medium', 75, 90, '{0.9,0.4,0.6,0.1}', '{build_reputation,learn}', null, '{}', null, null, null, 'community', 'open', interval '12 days'),
    ('speaking', 'Speak at the spring user summit', 'A 20-minute session on a topic you choose; travel covered.',
      'high', 'very_high', 300, 600, '{0.6,0.2,1,0.2}', '{build_reputation,advance_career,grow_network}', 'gold', '{}', 4, now() - interval '5 days', now() + interval '60 days', 'events', 'open', interval '5 days'),
    ('content_co_creation', 'Co-write a best-practice guide', 'Work with our team on a guide that carries your name.',
      'high', 'high', 100, 240, '{0.9,0.2,0.7,0.3}', '{build_reputation,learn}', null, '{}', 2, null, null, 'marketing', 'open', interval '9 days'),
    ('advisory_board', 'Join the customer advisory board', 'Quarterly sessions with product leadership on the roadmap.',
      'high', 'very_high', 200, 480, '{0.2,0.2,0.4,1}', '{influence_product,grow_network}', 'silver', '{enterprise}', 12, null, null, 'product', 'open', interval '30 days')
  ) as o (type, title, body, effort, value, points, minutes, affinity, goals, min_tier, segments, capacity, starts, ends, team, status, age)
union all
select type::public.opportunity_type, title, body, effort::public.effort, value::public.ask_value, points, minutes,
       affinity::real[], '{}'::public.advocate_goal[], null, '{}'::text[], null, null, null,
       team::public.requesting_team, status::public.opportunity_status, '00000000-0000-4000-8000-000000000001'::uuid, now() - age
  from (values
    ('speaking', 'Host a customer webinar (draft)', 'Co-host a webinar on automation wins; details to follow.',
      'high', 'very_high', 150, 120, '{0.7,0.2,0.9,0.1}', 'events', 'draft', interval '1 day'),
    ('review', 'Review us on Capterra (paused)', 'Paused while the listing is updated.',
      'low', 'medium', 25, 2, '{0.2,1,0.3,0.2}', 'marketing', 'paused', interval '40 days')
  ) as d (type, title, body, effort, value, points, minutes, affinity, team, status, age);

-- Where to do an ask, and the incentive a review carries (ADR 006: review sites require the
-- incentive to be disclosed; submit-ask stores the text the advocate acknowledged).
update public.opportunities o
   set action_url = d.action_url, incentive_disclosure = d.disclosure
  from (values
    ('Rate us on G2', 'https://www.g2.com/products/advocate-portal/take_survey',
      'We''ll donate $10 to a charity of your choice for an honest review, whatever you write.'),
    ('Share the launch post', 'https://www.linkedin.com/company/advocate-portal/posts/', null),
    ('Try the new dashboards beta', 'https://example.com/beta/dashboards', null)
  ) as d (title, action_url, disclosure)
 where o.title = d.title and o.created_by = '00000000-0000-4000-8000-000000000001';

-- Gives: career content, early access, how-tos, event promos and community highlights.
insert into public.content_items (kind, title, body, url, affinity, goal_tags, target_segments, published_at, created_by, created_at)
select kind::public.content_kind, title, body, url, affinity::real[], goals::public.advocate_goal[], segments::text[],
       now() - published, '00000000-0000-4000-8000-000000000001'::uuid, now() - published
  from (values
    ('how_to', 'Five dashboard shortcuts', 'Save an hour a week with these shortcuts.', 'https://example.com/learn/shortcuts',
      '{1,0.3,0.1,0.3}', '{learn}', '{}', interval '2 days'),
    ('how_to', 'Automating weekly reports', 'A step-by-step guide to scheduled exports.', 'https://example.com/learn/reports',
      '{0.9,0.4,0.1,0.2}', '{learn}', '{}', interval '11 days'),
    ('career_content', 'Building a data team from scratch', 'Hiring, structure and first 90 days, from three customers.', 'https://example.com/career/data-team',
      '{0.4,0.2,1,0.2}', '{advance_career,build_reputation}', '{}', interval '5 days'),
    ('career_content', 'Speaking at your first conference', 'From abstract to stage: a checklist.', 'https://example.com/career/speaking',
      '{0.5,0.1,1,0.1}', '{advance_career,build_reputation}', '{}', interval '18 days'),
    ('early_access', 'Early access: workflow builder', 'Switch it on for your workspace before general release.', null,
      '{0.2,0.2,0.3,1}', '{influence_product,learn}', '{}', interval '1 day'),
    ('early_access', 'Preview the enterprise audit log', 'For enterprise workspaces, ahead of launch.', null,
      '{0.1,0.4,0.2,1}', '{influence_product}', '{enterprise}', interval '7 days'),
    ('event_promo', 'Spring user summit: early-bird seats', 'Two days of customer talks; advocates get priority seating.', 'https://example.com/summit',
      '{0.4,0.3,0.8,0.4}', '{grow_network,learn}', '{}', interval '3 days'),
    ('event_promo', 'Meet-up: logistics analytics', 'An evening meet-up for mid-market operations teams.', 'https://example.com/meetups/logistics',
      '{0.3,0.5,0.4,0.5}', '{grow_network}', '{mid_market}', interval '9 days'),
    ('community_highlight', 'Member spotlight: answering 100 questions', 'How one member became the forum''s go-to expert.', null,
      '{0.9,0.2,0.6,0.3}', '{build_reputation}', '{}', interval '4 days'),
    ('community_highlight', 'What the advisory board changed this quarter', 'Three roadmap changes that came from customers.', null,
      '{0.2,0.3,0.2,1}', '{influence_product}', '{}', interval '14 days')
  ) as c (kind, title, body, url, affinity, goals, segments, published)
union all
-- A draft, so admins see something advocates do not.
select 'how_to', 'Draft: migrating from spreadsheets', 'Work in progress.', null, '{0.8,0.3,0.1,0.3}'::real[],
       '{learn}'::public.advocate_goal[], '{}'::text[], null::timestamptz, '00000000-0000-4000-8000-000000000001'::uuid, now();

-- Asks from several teams, feed and direct: the single answer to "when was this person last asked?".
insert into public.ask_ledger (profile_id, opportunity_id, type, team, source, asked_by, note, asked_at, state, decided_at, completed_at)
select l.profile_id::uuid, o.id, l.type::public.opportunity_type, l.team::public.requesting_team, l.source,
       '00000000-0000-4000-8000-000000000001', l.note, now() - l.asked, l.state::public.ask_state,
       now() - l.decided, now() - l.completed
  from (values
    -- Ben: a sales reference call done last month, and a beta the product team asked for.
    ('00000000-0000-4000-8000-000000000102', null, 'reference_call', 'sales', 'direct', 'Acme renewal: call with Globex',
      'completed', interval '40 days', interval '39 days', interval '33 days'),
    ('00000000-0000-4000-8000-000000000102', 'Try the new dashboards beta', 'beta_feedback', 'product', 'feed', null,
      'accepted', interval '4 days', interval '4 days', null),
    -- Ava: a marketing review done; a direct event ask still open.
    ('00000000-0000-4000-8000-000000000101', 'Rate us on G2', 'review', 'marketing', 'feed', null,
      'completed', interval '70 days', interval '70 days', interval '68 days'),
    ('00000000-0000-4000-8000-000000000101', null, 'speaking', 'events', 'direct', 'Regional meet-up panel',
      'open', interval '6 days', null, null),
    -- Dev declined a talk.
    ('00000000-0000-4000-8000-000000000104', 'Speak at the spring user summit', 'speaking', 'events', 'feed', null,
      'declined', interval '12 days', interval '12 days', null),
    -- Emma accepted a testimonial and submitted it (awaiting review below).
    ('00000000-0000-4000-8000-000000000105', 'Share a one-line testimonial', 'testimonial', 'marketing', 'feed', null,
      'accepted', interval '3 days', interval '3 days', null)
  ) as l (profile_id, title, type, team, source, note, state, asked, decided, completed)
  left join public.opportunities o on o.title = l.title;

insert into public.interactions (profile_id, item_kind, opportunity_id, kind, at, decline_reason)
select '00000000-0000-4000-8000-000000000104'::uuid, 'ask'::public.feed_item_kind, o.id, 'declined'::public.interaction_kind, now() - interval '12 days', 'Too busy this quarter.'
  from public.opportunities o where o.title = 'Speak at the spring user summit';

insert into public.submissions (profile_id, ask_ledger_id, type, payload, submitted_at)
select l.profile_id, l.id, l.type,
       '{"results": "Cut reporting time by half in the first month.", "story": "We moved every weekly report into scheduled exports, so nobody copies numbers by hand any more.", "recommendation": "Any operations team drowning in spreadsheets. Start with one team.", "consentToPublish": false}',
       now() - interval '1 day'
  from public.ask_ledger l
 where l.profile_id = '00000000-0000-4000-8000-000000000105' and l.type = 'testimonial';
