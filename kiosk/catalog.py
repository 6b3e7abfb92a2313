"""The loaded content: areas, flows, and where their pictures live."""
from dataclasses import dataclass
from pathlib import Path

from .flows.loader import load_content

# Our own pictures first, then the vendored icon set (copied from npm by `make assets`).
PICTURE_DIRS = ("pictures", "vendor/icons")


@dataclass(frozen=True)
class Content:
    areas: dict
    flows: dict
    content_dir: Path
    pictures: dict  # picture name -> path under static/, filled as pictures are looked up

    static: Path

    @classmethod
    def load(cls, content_dir, static_folder):
        empty = cls({}, {}, Path(content_dir), {}, Path(static_folder))
        areas, flows = load_content(content_dir, lambda name: bool(empty.picture_path(name)))
        return cls(areas, flows, Path(content_dir), empty.pictures, Path(static_folder))

    def picture_path(self, name):
        """The picture's path under static/, or "" when there is none by that name."""
        if name not in self.pictures:
            for folder in PICTURE_DIRS:
                if name and "/" not in name and (self.static / folder / f"{name}.svg").is_file():
                    self.pictures[name] = f"{folder}/{name}.svg"
                    break
        return self.pictures.get(name, "")

    def offered(self, flow_id, centre):
        """The flow, if this centre offers it (some flows depend on a setting), else None."""
        flow = self.flows.get(flow_id)
        if flow is None or (flow.requires and not centre.get(flow.requires)):
            return None
        return flow

    def flows_in(self, area_id, centre):
        return sorted((f for f in self.flows.values() if f.area == area_id and self.offered(f.id, centre)),
                      key=lambda f: (f.order, f.id))

    def live_areas(self, centre):
        """Areas that have at least one flow: the start screen shows no empty tile."""
        return sorted((a for a in self.areas.values() if self.flows_in(a.id, centre)),
                      key=lambda a: (a.order, a.id))

    @property
    def letters_dir(self):
        return self.content_dir / "letters"
