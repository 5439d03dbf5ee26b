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
