"""The Docker files, checked without a Docker engine (there is none in CI): every build context,
Dockerfile and env_file that docker-compose.yml names exists, every variable it interpolates is
documented in .env.example, and the Dockerfiles keep the rules the studio relies on."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"

# ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, $NAME — but not $$ (a literal $).
INTERPOLATION = re.compile(
    r"(?<!\$)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))"
)


def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def env_example() -> tuple[set[str], set[str]]:
    """Names set in .env.example, and names only shown there in a comment (`# NAME=…`)."""
    set_names, commented = set(), set()
    for line in ENV_EXAMPLE.read_text().splitlines():
        if m := re.match(r"^([A-Za-z_][A-Za-z0-9_]*)=", line):
            set_names.add(m.group(1))
        elif m := re.match(r"^#\s*([A-Z_][A-Z0-9_]*)=", line):
            commented.add(m.group(1))
    return set_names, commented


def env_files(service: dict) -> list[str]:
    value = service.get("env_file", [])
    items = value if isinstance(value, list) else [value]
    return [item["path"] if isinstance(item, dict) else item for item in items]


def test_every_build_context_dockerfile_and_env_file_exists() -> None:
    services = compose()["services"]
    built = [name for name, s in services.items() if "build" in s]
    assert set(built) == {"backend", "frontend"}
    for name in built:
        build = services[name]["build"]
        build = {"context": build} if isinstance(build, str) else build
        context = (ROOT / build["context"]).resolve()
        assert context.is_dir(), f"{name}: build context {build['context']} is missing"
        dockerfile = context / build.get("dockerfile", "Dockerfile")
        assert dockerfile.is_file(), f"{name}: {dockerfile.relative_to(ROOT)} is missing"
        assert (context / ".dockerignore").is_file(), (
            f"{name}: no .dockerignore: node_modules/.venv would be sent"
        )
    for name, service in services.items():
        for env_file in env_files(service):
            path = ROOT / env_file
            # .env is each installation's own (made by make start, or `cp .env.example .env`):
            # its template stands for it in a fresh checkout.
            template = path.with_name(".env.example") if path.name == ".env" else None
            assert path.is_file() or (template and template.is_file()), (
                f"{name}: env_file {env_file} is missing"
            )


def test_every_interpolated_variable_is_in_env_example() -> None:
    set_names, commented = env_example()
    used: dict[str, bool] = {}  # name → has a default in every use
    for m in INTERPOLATION.finditer(COMPOSE.read_text()):
        name = m.group(1) or m.group(3)
        has_default = bool(m.group(2)) and m.group(2).lstrip(":").startswith("-")
        used[name] = used.get(name, True) and has_default
    assert used, "no variables found: the pattern is broken"
    for name, defaulted in used.items():
        if defaulted:
            assert name in set_names | commented, (
                f"{name} is used by docker-compose.yml but not in .env.example"
            )
        else:
            assert name in set_names, f"{name} is required by docker-compose.yml: .env.example must set it"


def test_escaped_dollars_are_not_taken_for_variables() -> None:
    names = {
        m.group(1) or m.group(3) for m in INTERPOLATION.finditer("a $${SEED:-x} b ${REAL:-y} $$HOME $OTHER")
    }
    assert names == {"REAL", "OTHER"}


def test_images_are_pinned_by_exact_version() -> None:
    images = [s["image"] for s in compose()["services"].values() if "image" in s]
    for path in (ROOT / "backend" / "Dockerfile", ROOT / "frontend" / "Dockerfile"):
        images += re.findall(r"^FROM\s+(\S+)", path.read_text(), re.MULTILINE)
    for image in images:
        tag = image.split("@")[0].rsplit(":", 1)[-1] if ":" in image else ""
        assert re.match(r"^\d+\.\d+\.\d+", tag) or re.match(r"^\d+\.\d+-", tag), (
            f"{image}: pin an exact version"
        )
        assert "latest" not in tag


def test_servers_listen_on_every_interface_and_ignore_proxy_headers() -> None:
    backend = (ROOT / "backend" / "Dockerfile").read_text()
    cmd = re.search(r"^CMD (.+)$", backend, re.MULTILINE)
    assert cmd and "--host 0.0.0.0" in cmd.group(1) and "--no-proxy-headers" in cmd.group(1)
    command = compose()["services"]["backend"]["command"]
    assert "--host 0.0.0.0" in command and "--no-proxy-headers" in command
    frontend = (ROOT / "frontend" / "Dockerfile").read_text()
    assert "HOSTNAME=0.0.0.0" in frontend
    assert re.search(r"^USER (?!root)\S+", frontend, re.MULTILINE), "the dashboard must not run as root"
    assert "client-address.cjs" in re.search(r"^CMD (.+)$", frontend, re.MULTILINE).group(1)


def test_the_api_trusts_forwarded_headers_from_the_dashboard_container_only() -> None:
    services = compose()["services"]
    trusted = services["backend"]["environment"]["TRUSTED_PROXIES"]
    dashboard = services["frontend"]["networks"]["default"]["ipv4_address"]
    assert trusted == dashboard
