"""The repository's promises to a new user: Docker path, README commands, CI."""

import configparser
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _mounts(service):
    return {volume.split(":")[1]: volume.split(":")[0] for volume in service["volumes"]}


def test_compose_runs_the_official_odoo_19_image_on_postgres_16():
    services = _compose()["services"]
    assert services["odoo"]["image"] == "odoo:19.0"
    assert services["db"]["image"] == "postgres:16"
    assert "8069:8069" in services["odoo"]["ports"]
    assert services["odoo"]["environment"]["HOST"] == "db"
    assert services["odoo"]["environment"]["USER"] != "postgres", "Odoo refuses the postgres user"


def test_compose_mounts_the_addons_and_the_config():
    compose = _compose()
    mounts = _mounts(compose["services"]["odoo"])
    assert mounts["/mnt/extra-addons"] == "./addons"
    assert (ROOT / mounts["/etc/odoo/odoo.conf"]).is_file()
    named = {source for source in mounts.values() if not source.startswith(".")}
    assert named and named <= set(compose["volumes"]), "data lives in named volumes"
    assert set(_mounts(compose["services"]["db"]).values()) <= set(compose["volumes"])


def test_mounted_config_reads_the_mounted_addons():
    compose = _compose()
    mounts = _mounts(compose["services"]["odoo"])
    config = configparser.ConfigParser()
    config.read(ROOT / mounts["/etc/odoo/odoo.conf"])
    addons_path = [path.strip() for path in config["options"]["addons_path"].split(",")]
    assert "/mnt/extra-addons" in addons_path
    oca_mount = next(target for target, source in mounts.items() if source == "oca-addons")
    assert f"{oca_mount}/odoo/addons" in addons_path, "report_xlsx is installed there by pip --target"


def test_docker_and_venv_pin_the_same_report_xlsx():
    pinned = re.search(r"odoo-addon-report-xlsx==([\d.]+)", (ROOT / "requirements.txt").read_text())[1]
    command = " ".join(_compose()["services"]["oca-addons"]["command"])
    assert f"odoo-addon-report-xlsx=={pinned}" in command


def test_local_config_reads_the_project_addons():
    config = configparser.ConfigParser()
    config.read(ROOT / "odoo.conf")
    assert config["options"]["addons_path"].split(",") == ["addons"]
    for option in config["options"]:
        assert config["options"][option] not in ("False", "false"), f"{option}: Odoo warns on 'False'"


def test_ci_runs_the_test_command_of_the_readme():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    command = [line for line in lines if line and not line.startswith(("#", "set ", "cd "))][-1]
    assert command == "make test"
    assert f"\n{command}\n" in (ROOT / "README.md").read_text()
