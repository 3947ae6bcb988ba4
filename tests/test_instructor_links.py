"""The nbgitpuller link: right endpoint, every value percent-encoded, opens the start page in JupyterLab."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from course.cli import main
from course.errors import CourseError
from course.instructor.links import nbgitpuller_link


def query(link: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(link).query, keep_blank_values=True)


def test_the_link_opens_the_start_page_of_the_pulled_repository_in_jupyterlab() -> None:
    link = nbgitpuller_link(
        "https://hub.example.org", "https://github.com/org/lowback-course.git", "main"
    )
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "hub.example.org",
        "/hub/user-redirect/git-pull",
    )
    assert query(link) == {
        "repo": ["https://github.com/org/lowback-course.git"],
        "urlpath": ["lab/tree/lowback-course/notebooks/00-start-here.ipynb"],
        "branch": ["main"],
    }


def test_every_value_is_percent_encoded() -> None:
    link = nbgitpuller_link(
        "https://hub.example.org/", "https://github.com/org/course", "fix/a b&c=d"
    )
    raw = urlsplit(link).query
    assert "repo=https%3A%2F%2Fgithub.com%2Forg%2Fcourse" in raw
    assert "branch=fix%2Fa%20b%26c%3Dd" in raw
    assert query(link)["branch"] == ["fix/a b&c=d"]


@pytest.mark.parametrize(
    "hub, base",
    [
        ("https://hub.example.org/", "https://hub.example.org/hub/user-redirect/git-pull"),
        ("https://hub.example.org/hub/", "https://hub.example.org/hub/user-redirect/git-pull"),
        ("https://example.org/jupyter", "https://example.org/jupyter/hub/user-redirect/git-pull"),
    ],
)
def test_the_hub_address_keeps_its_prefix_and_drops_a_trailing_hub(hub: str, base: str) -> None:
    assert nbgitpuller_link(hub, "https://github.com/org/course").startswith(base + "?")


def test_without_a_branch_the_parameter_is_left_out() -> None:
    assert "branch" not in query(nbgitpuller_link("https://h.org", "https://github.com/org/course"))


def test_an_scp_style_repository_address_works() -> None:
    link = nbgitpuller_link("https://h.org", "git@github.com:org/lowback-course.git")
    assert query(link)["urlpath"] == ["lab/tree/lowback-course/notebooks/00-start-here.ipynb"]


@pytest.mark.parametrize(
    "hub, repo",
    [
        ("hub.example.org", "https://github.com/org/course"),
        ("ftp://hub.example.org", "https://github.com/org/course"),
        ("https://hub.example.org/?x=1", "https://github.com/org/course"),
        ("https://hub.example.org", "not a url"),
        ("https://hub.example.org", "https://github.com/"),
    ],
)
def test_bad_addresses_are_refused_with_a_fix(hub: str, repo: str) -> None:
    with pytest.raises(CourseError, match=r"fix|no repository name"):
        nbgitpuller_link(hub, repo)


def test_the_command_prints_the_link(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["link", "--hub", "https://hub.example.org", "--repo", "https://github.com/org/course"]
    )
    assert code == 0
    assert capsys.readouterr().out.strip() == nbgitpuller_link(
        "https://hub.example.org", "https://github.com/org/course"
    )
    assert main(["link", "--hub", "nope", "--repo", "https://github.com/org/course"]) == 1
