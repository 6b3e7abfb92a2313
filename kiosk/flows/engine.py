"""Walk a flow over a person's answers. Pure functions: no Flask, no I/O.

`answers` maps step id -> value. Every kind stores something when the person presses
"Videre" (info, check and document steps store True), so "answered" means "has been passed".
"""


def next_of(step, answer, answers=None):
    """Where an answer leads: the chosen choice's `next`, else the step's route, else its `next`."""
    if step.kind == "choice":
        choice = step.choice(answer)
        if choice is not None and choice.next:
            return choice.next
    if step.route is not None:
        return step.route.target(answers or {})
    return step.next


def _default_next(step, answers):
    if step.route is not None:
        return step.route.target(answers)
    if step.next:
        return step.next
    return next((c.next for c in step.choices if c.next), None)


def walk(flow, answers):
    """The steps a person has passed through, plus the first one still waiting (if any)."""
    path, step_id = [], flow.first
    while step_id and step_id not in path:
        path.append(step_id)
        step = flow.steps[step_id]
        if step_id not in answers:
            break
        step_id = next_of(step, answers[step_id], answers)
    return path


def projected(flow, answers):
    """The walk, continued along default edges: the whole route as far as we can tell now."""
    path = walk(flow, answers)
    last = flow.steps[path[-1]]
    step_id = next_of(last, answers[last.id], answers) if last.id in answers else _default_next(last, answers)
    while step_id and step_id not in path:
        path.append(step_id)
        step_id = _default_next(flow.steps[step_id], answers)
    return path


def progress(flow, answers, step_id):
    """(number of this step, number of steps) for "Trin 2 af 5"."""
    route = projected(flow, answers)
    if step_id not in route:
        return 1, len(route)
    return route.index(step_id) + 1, len(route)


def can_show(flow, answers, step_id):
    return step_id in walk(flow, answers)


def previous(flow, answers, step_id):
    """The step before this one on the person's own path, or None at the first step."""
    path = walk(flow, answers)
    if step_id not in path:
        return None
    i = path.index(step_id)
    return path[i - 1] if i > 0 else None


def after_answer(flow, answers, step_id, return_to=None):
    """The step to show after `step_id` was answered; None when the flow is complete.

    When the person came from the check-answers screen to change one answer, go back
    there, unless the change opened a new question on the way: that one comes first.
    """
    if return_to:
        for on_path in walk(flow, answers):
            if on_path == return_to or on_path not in answers:
                return on_path
    return next_of(flow.steps[step_id], answers[step_id], answers)


def past_carried(flow, answers, target, carried):
    """Skip the steps whose answers came from another flow: a person is never asked twice."""
    seen = set()
    while target in carried and target in answers and target not in seen:
        seen.add(target)
        target = next_of(flow.steps[target], answers[target], answers)
    return target


def on_path(flow, answers):
    """Only the answers on the person's current path: an answer left on an abandoned branch never counts."""
    return {s: answers[s] for s in walk(flow, answers) if s in answers}


def check_step_after(flow, answers, step_id):
    """The check-answers step that follows `step_id` on the person's path, if any."""
    path = walk(flow, answers)
    later = path[path.index(step_id) + 1:] if step_id in path else []
    return next((s for s in later if flow.steps[s].kind == "check"), None)


def answered_steps(flow, answers):
    """The answered question steps on the person's path, for check-answers and documents."""
    return [flow.steps[s] for s in walk(flow, answers)
            if s in answers and flow.steps[s].kind in ("choice", "multi", "date", "time", "text")]
