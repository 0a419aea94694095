"""The planner: what a person does next, and keeping it true as time passes and rules change.

- ``case``, ``snapshot``, ``recheck``: the case folder (profile, evidence, saved assessment
  snapshots) and what changed since the last snapshot, and why.
- ``evidence`` (documents), ``confirmable`` / ``matching`` / ``assumptions`` (which facts the
  documents confirm; what each CRS line and criterion assumes), ``checklist`` (documents each
  pathway needs), ``consistency`` / ``consistency_work`` / ``permits`` / ``findings`` (where the
  documents contradict each other or the profile).
- ``trajectory`` and ``chart``: the CRS and program verdicts month by month, each change dated.
- ``actions`` / ``language_actions`` / ``improve``: the smallest-time or smallest-cost sets of
  actions that reach a target score.
- ``timeline`` / ``timeline_steps`` / ``ics``: a pathway's steps and hard deadlines, and their
  iCalendar export.
- ``report``: terminal rendering of the planner's results.
"""
