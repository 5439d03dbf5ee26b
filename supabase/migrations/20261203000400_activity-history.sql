-- Advocates keep their own history (issue 10 §2): an ask they took on stays readable to them
-- after it closes, is paused or goes back to draft, so My activity can still name it and show
-- what it asked. Everyone else still sees open asks only; admins see all.

drop policy opportunities_select_open_or_admin on public.opportunities;

-- One policy (lint 0006), evaluated per row only for rows that are not open: the exists() is an
-- index probe on ask_ledger_one_live_ask_idx (opportunity_id, profile_id), which holds exactly
-- the accepted and completed rows (and open direct asks, which count: they were asked of them).
-- Withdrawn or declined asks are not history the advocate keeps.
create policy opportunities_select_open_taken_or_admin on public.opportunities
  for select to authenticated
  using (
    status = 'open'
    or exists (
      select 1 from public.ask_ledger l
       where l.opportunity_id = opportunities.id
         and l.profile_id = (select auth.uid())
         and l.state in ('open', 'accepted', 'completed')
    )
    or (select private.is_admin())
  );
