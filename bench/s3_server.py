"""A local S3-compatible object store (moto's server, from PyPI) for the tests, `make bench` and `make cluster`.

    with S3Server() as s3:
        env = {**os.environ, **s3.env}   # STORAGE_URL and the AWS_* variables the portal reads

It is a real HTTP server in its own process, so the portal talks to it through boto3 exactly as it would to
an object store in production; `stop()` takes it away, to test what the portal does when storage is down.
"""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.fault_rig import free_port

BUCKET = "library-portal"


class S3Server:
    def __init__(self, *, port: int | None = None, bucket: str = BUCKET):
        self.port = port or free_port()
        self.bucket = bucket
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    @property
    def env(self) -> dict[str, str]:
        """The environment that points the portal's storage at this server."""
        return {
            "STORAGE_URL": f"s3://{self.bucket}",
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_ACCESS_KEY_ID": "local-test-key",
            "AWS_SECRET_ACCESS_KEY": "local-test-secret",  # moto accepts any key
            "AWS_S3_REGION_NAME": "us-east-1",
        }

    @property
    def client_options(self) -> dict[str, str]:
        """What boto3 needs to look into the bucket beside the portal: `boto3.client("s3", **s3.client_options)`."""
        env = self.env
        return {
            "endpoint_url": env["AWS_S3_ENDPOINT_URL"],
            "aws_access_key_id": env["AWS_ACCESS_KEY_ID"],
            "aws_secret_access_key": env["AWS_SECRET_ACCESS_KEY"],
            "region_name": env["AWS_S3_REGION_NAME"],
        }

    def start(self) -> "S3Server":
        moto = Path(sys.executable).with_name("moto_server")
        self.process = subprocess.Popen(
            [str(moto), "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{self.endpoint}/moto-api/", timeout=1).close()  # noqa: S310 - loopback
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"moto_server did not start on port {self.port}") from None
                time.sleep(0.1)
        self.create_bucket()
        return self

    def create_bucket(self) -> None:
        request = urllib.request.Request(f"{self.endpoint}/{self.bucket}", method="PUT")  # noqa: S310 - loopback
        urllib.request.urlopen(request, timeout=5).close()  # noqa: S310 - loopback

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            self.process.wait(timeout=10)

    def __enter__(self) -> "S3Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
