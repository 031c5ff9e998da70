"""The CI templates that `init` writes deploy what was published: a published copy of the example, cloned as
CI clones it (at the publication's tag, without the private record, which is never committed), built by the
templates' own steps, offers packs that `verify` calls unaltered, and no private pack."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import git
import pytest
import yaml

from .conftest import REPO
from .test_publish import identity, published  # noqa: F401 - the published example, and git's identity

TEMPLATES = REPO / "templates" / "init"


def steps(kind: str) -> list[str]:
    """The commands of the job that deploys the web edition, as the template gives them (installing boardpack
    left out: this one is installed)."""
    if kind == "github":
        job = yaml.safe_load((TEMPLATES / "github-workflow.yml").read_text())["jobs"]["pages"]
        commands = [step["run"] for step in job["steps"] if "run" in step]
    else:
        commands = yaml.safe_load((TEMPLATES / "gitlab-ci.yml").read_text())["pages"]["script"]
    return [command for command in commands if not command.startswith("pip install")]


# Each template publishes a whole repository twice over (11 s): CI runs both, the fast tier neither.
@pytest.mark.slow
@pytest.mark.parametrize("kind", ["github", "gitlab"])
def test_the_templates_deploy_the_packs_as_published(published: Path, tmp_path: Path, kind: str) -> None:  # noqa: F811
    clone = tmp_path / "clone"
    git.Repo.clone_from(str(published), str(clone), no_local=True)
    git.Repo(clone).git.checkout("publish/2012-06-15", quiet=True)  # what a tag's pipeline checks out
    assert not (clone / "publications" / "private").exists()
    env = {**os.environ, "CI": "true", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    outputs = []
    for command in steps(kind):
        done = subprocess.run(["bash", "-ec", command], cwd=clone, env=env, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
        outputs.append(done.stdout)
    site = clone / ("site" if kind == "github" else "public")
    packs = sorted(path.name for path in site.glob("*/*-pack*.pdf"))
    assert packs == ["2012-06-15-public-pack-large-print.pdf", "2012-06-15-public-pack.pdf"]
    assert not list(site.rglob("*private*"))
    verified = outputs[-1].splitlines()
    assert len(verified) == 2 and all(": unaltered. It is " in line for line in verified), verified
