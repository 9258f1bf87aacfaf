"""The real pre-commit, in a temporary git repository: a bad draft blocks the commit with the
finding shown; the fixed draft passes."""

import os
import subprocess
import sys

import pytest
import yaml
from engine_support import ROOT

pytestmark = pytest.mark.e2e  # real git and pre-commit

DRAFT = "---\ntitle: 学习资料\n---\n# 学习资料\n\n学习dang的建设。\n"


def git(repo, *args, env=None, check=True):
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=check)


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "content"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "editor@example.invalid")
    git(repo, "config", "user.name", "编辑")
    config = {
        "repos": [
            {
                "repo": "local",
                "hooks": [
                    {
                        "id": "review",
                        "name": "文稿审核",
                        "language": "system",
                        "types": ["markdown"],
                        "entry": f"{sys.executable} -m review",
                    }
                ],
            }
        ]
    }
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home"), "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, check=True, capture_output=True)
    git(repo, "add", ".pre-commit-config.yaml", env=env)
    git(repo, "commit", "-q", "-m", "配置", env=env)
    return repo, env


def test_bad_draft_blocks_commit_and_fixed_draft_passes(repo):
    repo, env = repo
    (repo / "docs").mkdir()
    draft = repo / "docs" / "study.md"
    draft.write_text(DRAFT, encoding="utf-8")
    git(repo, "add", "docs/study.md", env=env)
    blocked = git(repo, "commit", "-m", "新增学习资料", env=env, check=False)
    assert blocked.returncode != 0
    shown = blocked.stdout + blocked.stderr
    assert "docs/study.md:6:3:" in shown and "dang" in shown and "党" in shown
    assert git(repo, "log", "--oneline", env=env).stdout.count("\n") == 1  # nothing committed

    fixed = subprocess.run(
        [sys.executable, "-m", "review", "--fix", "docs/study.md"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert draft.read_text(encoding="utf-8") == DRAFT.replace("dang的", "党的")
    git(repo, "add", "docs/study.md", env=env)
    passed = git(repo, "commit", "-m", "新增学习资料", env=env, check=False)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert git(repo, "log", "--oneline", env=env).stdout.count("\n") == 2


def test_hook_manifest_and_own_config_are_valid():
    for cmd, name in (("validate-manifest", ".pre-commit-hooks.yaml"), ("validate-config", ".pre-commit-config.yaml")):
        proc = subprocess.run(
            [sys.executable, "-m", "pre_commit", cmd, str(ROOT / name)], capture_output=True, text=True
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [(h["id"], h["types"]) for h in hooks] == [("review", ["markdown"])]
    own = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert {r["repo"] for r in own["repos"]} == {"local"}
