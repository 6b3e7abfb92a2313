"""Write the README's list of flows and their sources from the flow files themselves.

Usage: python scripts/flow_sources.py          (prints the Markdown)
       python scripts/flow_sources.py --readme (replaces the block between the markers in README.md)
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk import create_app  # noqa: E402

BEGIN, END = "<!-- flow-sources:begin -->", "<!-- flow-sources:end -->"


def markdown():
    app = create_app({"SETTINGS_FILE": "/nonexistent/settings.json"})
    content = app.extensions["kiosk_content"]
    out = []
    for area in sorted(content.areas.values(), key=lambda a: (a.order, a.id)):
        for flow in sorted((f for f in content.flows.values() if f.area == area.id), key=lambda f: (f.order, f.id)):
            printouts = [d for d in flow.documents.values()]
            letters = sum(1 for d in printouts if d.kind == "letter")
            needs = f", only when the setting `{flow.requires}` is on" if flow.requires else ""
            out.append(f"**{flow.title}** (`/flow/{flow.id}`, area \"{area.title}\", {len(flow.steps)} steps, "
                       f"{letters} letters, {len(printouts) - letters} sheets{needs}). Sources:")
            out += [f"- {s.title}: {s.url} (checked {s.checked})" for s in flow.sources.values()]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def main():
    text = markdown()
    if "--readme" not in sys.argv:
        print(text)
        return
    readme = ROOT / "README.md"
    current = readme.read_text(encoding="utf-8")
    head, rest = current.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{BEGIN}\n{text}{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
