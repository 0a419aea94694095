"""The planner: what a person does next, and keeping it true as time passes and rules change.

- ``case``: the case folder (profile, evidence, saved assessment snapshots) and re-checks.
- ``evidence`` / ``assumptions`` / ``checklist`` / ``consistency``: documents, which facts they
  confirm, what each pathway needs, and where the documents contradict each other.
- ``trajectory``: the CRS and program statuses month by month, with the events that move them.
- ``improve``: the smallest-time or smallest-cost sets of actions that reach a target score.
- ``timeline``: the steps and hard deadlines of a pathway, exportable to iCalendar.
"""
