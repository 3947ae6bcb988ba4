"""The nbgitpuller link that hands the course to a class on JupyterHub.

A learner who clicks the link logs in to the hub; nbgitpuller then clones the
course repository into their home folder (or updates it, keeping their own
changes) and opens ``notebooks/00-start-here.ipynb`` in JupyterLab.
The hub needs nbgitpuller installed in its user image.

Examples
--------
>>> nbgitpuller_link("https://hub.example.org/", "https://github.com/org/lowback-course", "main")
'https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Flowback-course&urlpath=lab%2Ftree%2Flowback-course%2Fnotebooks%2F00-start-here.ipynb&branch=main'
"""

from __future__ import annotations

from urllib.parse import quote, urlencode, urlsplit

from course.errors import CourseError

START_NOTEBOOK = "notebooks/00-start-here.ipynb"
REPO_SCHEMES = ("https", "http", "git", "ssh")


def hub_base(hub: str) -> str:
    """The hub's base URL: scheme, host and any path prefix, without a trailing ``/hub``."""
    parts = urlsplit(hub.strip())
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise CourseError(
            f"--hub {hub!r} is not a web address; fix: give the hub's address, "
            "such as https://hub.example.org"
        )
    if parts.query or parts.fragment:
        raise CourseError(f"--hub {hub!r} has a '?' or '#' part; fix: give only the hub's address")
    path = parts.path.rstrip("/")
    path = path.removesuffix("/hub")
    return f"{parts.scheme}://{parts.netloc}{path}"


def repo_folder(repo: str) -> str:
    """The folder nbgitpuller clones into: the repository's last path part, without ``.git``."""
    text = repo.strip()
    parts = urlsplit(text)
    if parts.scheme in REPO_SCHEMES and parts.netloc:
        path = parts.path
    elif "@" in text and ":" in text and "://" not in text:  # scp-like: git@host:org/repo.git
        path = text.split(":", 1)[1]
    else:
        raise CourseError(
            f"--repo {repo!r} is not a git repository address; fix: give its clone URL, "
            "such as https://github.com/org/lowback-course"
        )
    name = path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    if not name:
        raise CourseError(f"--repo {repo!r} has no repository name at the end of its path")
    return name


def nbgitpuller_link(
    hub: str, repo: str, branch: str | None = None, notebook: str = START_NOTEBOOK
) -> str:
    """The nbgitpuller link that opens ``notebook`` of ``repo`` in JupyterLab on ``hub``.

    Every parameter value is percent-encoded (``/`` and ``:`` included), the
    way nbgitpuller's own link generator does it.
    """
    folder = repo_folder(repo)
    urlpath = "lab/tree/" + quote(f"{folder}/{notebook}", safe="/")
    params = [("repo", repo.strip()), ("urlpath", urlpath)]
    if branch:
        params.append(("branch", branch.strip()))
    return (
        f"{hub_base(hub)}/hub/user-redirect/git-pull?{urlencode(params, quote_via=quote, safe='')}"
    )
