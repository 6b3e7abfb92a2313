"""Read a letter template's use of the answers and refuse names the flow does not have.

A letter compares answers with choice values (`svar.get("emne") == "boligstoette"`, `"aktindsigt"
in tilvalg`). A typo there would silently drop a paragraph from a legal letter, so the loader parses
each template (Jinja's own parser, no rendering) and reports every step id or choice value that the
flow does not declare, like any other content error at start-up.
"""
from jinja2 import Environment, nodes

ANSWERS = "svar"


def _step_of(node, aliases):
    """The step id an expression reads (svar.x, svar["x"], svar.get("x"), or an alias of one), else None."""
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.node.name == ANSWERS:
        return None if node.attr == "get" else node.attr
    if isinstance(node, nodes.Getitem) and isinstance(node.node, nodes.Name) and node.node.name == ANSWERS:
        return node.arg.value if isinstance(node.arg, nodes.Const) else None
    if (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr) and node.node.attr == "get"
            and isinstance(node.node.node, nodes.Name) and node.node.node.name == ANSWERS
            and node.args and isinstance(node.args[0], nodes.Const)):
        return node.args[0].value
    if isinstance(node, nodes.Or):  # svar.get("hvad") or []
        return _step_of(node.left, aliases) or _step_of(node.right, aliases)
    if isinstance(node, nodes.Name):
        return aliases.get(node.name)
    return None


def _strings(node):
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (nodes.Tuple, nodes.List)):
        return [i.value for i in node.items if isinstance(i, nodes.Const) and isinstance(i.value, str)]
    return []


def references(source):
    """[(step id, choice value or None)] that a template's text reads."""
    tree = Environment().parse(source)
    aliases = {}
    for assign in tree.find_all(nodes.Assign):
        if isinstance(assign.target, nodes.Name) and (step := _step_of(assign.node, {})):
            aliases[assign.target.name] = step
    found = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Call)):
        if (step := _step_of(node, {})) is not None:
            found.append((step, None))
        if (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name == "valgt"
                and node.args and isinstance(node.args[0], nodes.Const)):
            found.append((node.args[0].value, None))
    for compare in tree.find_all(nodes.Compare):
        left = compare.expr
        for operand in compare.ops:
            right = operand.expr
            if operand.op in ("eq", "ne", "in", "notin"):
                for ref_side, value_side in ((left, right), (right, left)):
                    step = _step_of(ref_side, aliases)
                    if step is not None:
                        found += [(step, value) for value in _strings(value_side)]
            if operand.op in ("in", "notin") and isinstance(right, nodes.Name) and right.name == ANSWERS:
                found += [(value, None) for value in _strings(left)]  # "saerlig-grund" in svar
            left = right
    return found


def check_letter(flow, template_name, source, where, problems):
    for step_id, value in references(source):
        step = flow.steps.get(step_id)
        if step is None:
            problems.append(f"{where}: letter '{template_name}' reads step '{step_id}', which the flow does not have")
        elif value is not None and step.kind in ("choice", "multi") and step.choice(value) is None:
            problems.append(f"{where}: letter '{template_name}' compares '{step_id}' with '{value}', "
                            f"which is not one of its choices")
