"""Pages parsed into elements, as a person sees them: elements by id, links, forms, the words on screen.

Tests check parsed HTML, not substrings (in the spirit of GOV.UK Notify's test client): a substring
test cannot tell `&lt;b&gt;` (text, safe) from `<b>` (markup) once both are decoded; the parser can.
Built on the standard library's html.parser, so it needs nothing from outside.
"""
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
NEVER_SEEN = {"script", "style", "template", "head", "title", "noscript"}
WORD = re.compile(r"\S*[^\W\d_]\S*")  # a token with at least one letter: numbers and dates are not words


@dataclass
class Element:
    tag: str
    attrs: dict
    parent: "Element | None" = None
    children: list = field(default_factory=list)  # Element or str

    def text(self):
        return " ".join(" ".join(c.text() if isinstance(c, Element) else c for c in self.children).split())

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.walk()

    iter = walk

    def find_all(self, tag=None, **attrs):
        return [e for e in self.walk() if (tag is None or e.tag == tag)
                and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def find(self, tag=None, **attrs):
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def has_class(self, name):
        return name in (self.attrs.get("class") or "").split()


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: (v if v is not None else "") for k, v in attrs}, self.open[-1])
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].children.append(Element(tag, {k: (v if v is not None else "") for k, v in attrs}, self.open[-1]))

    def handle_endtag(self, tag):
        # Close up to the matching open element; a stray end tag closes nothing.
        for i in range(len(self.open) - 1, 0, -1):
            if self.open[i].tag == tag:
                del self.open[i:]
                return

    def handle_data(self, data):
        self.open[-1].children.append(data)


def parse(html):
    """The page's element tree (its root), for tests that only need to find elements."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


class Page:
    def __init__(self, html):
        self.root = parse(html)
        self.ids = {e.attrs["id"]: e for e in self.root.iter() if "id" in e.attrs}

    def by_id(self, element_id):
        return self.ids.get(element_id)

    @property
    def main(self):
        return self.by_id("main") or next(iter(self.root.find_all("main")), self.root)

    def visible_text(self, element=None):
        """The words a person sees: no hidden parts, and of a closed <details> only its summary."""
        parts = []

        def walk(node):
            if node.tag in NEVER_SEEN or "hidden" in node.attrs or node.has_class("visually-hidden"):
                return
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                elif node.tag == "details" and "open" not in node.attrs and child.tag != "summary":
                    continue
                else:
                    walk(child)

        walk(element or self.main)
        return " ".join(" ".join(parts).split())

    def visible_words(self, element=None):
        return WORD.findall(self.visible_text(element))

    def form_for(self, action):
        return next((f for f in self.root.find_all("form") if f.attrs.get("action") == action), None)

    def csrf_token(self):
        field_ = next(iter(self.root.find_all("input", name="csrf_token")), None)
        return field_.attrs.get("value") if field_ is not None else None
