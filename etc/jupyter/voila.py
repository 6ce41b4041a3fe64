"""Voila's settings wherever the course runs it as a standalone server: `make app`, `make pages` and their tests
(the Makefile sets JUPYTER_CONFIG_PATH to this folder). Binder and the hubs run Voila inside Jupyter Server:
their settings are in jupyter_server_config.json beside this file (the same culling and transport; Voila's
pool of pre-heated kernels exists only in the standalone server).
"""

import os

from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

c = get_config()  # noqa: F821 (traitlets defines it for a config file)

# Idle kernels go: a page that was closed, or fetched by a plain GET and never opened, stops holding ~100 MB.
# A kernel is culled after 30 s without a message and without a page connected; checked every 10 s, so
# no kernel outlives its page by more than a minute (tests/browser/test_voila_culling.py). An open page keeps
# its kernel however long its reader thinks (cull_connected is off); Voila's own shutdown request on closing a
# page fails (a missing _xsrf argument, a Voila bug), which is why the culler is needed at all.
c.MappingKernelManager.cull_idle_timeout = 30
c.MappingKernelManager.cull_interval = 10
c.MappingKernelManager.cull_connected = False

# The kernel talks to the server over Unix sockets in the server's private runtime folder, not over TCP
# on 127.0.0.1: no port that another user of the machine could open, and no "running over TCP without
# encryption" warning at every start.
c.KernelManager.transport = "ipc"

# Under load (a pool refilling while readers arrive, on 2 cores) a cell's output can reach the server seconds
# after the cell has finished; Voila's executor waits 4 s for it by default and then renders the page without it
# (no table). Wait as long as it takes, up to a minute.
c.VoilaExecutor.iopub_timeout = 60

# Fast first render under a class's load: kernels started and the notebook run before anyone asks, for the
# two pages readers are sent to (the playground's pool holds COURSE_VOILA_POOL kernels, 4 unless set; the
# explainer's half as many). Each waiting kernel holds ~100 MB; docs/teaching-at-scale.md has the figures.
# Every other chapter (make pages) starts its kernel when it is opened.
pool = int(os.environ.get("COURSE_VOILA_POOL", "4"))
c.VoilaConfiguration.preheat_kernel = pool > 0
c.VoilaConfiguration.default_pool_size = 0
c.VoilaKernelManager.kernel_pools_config = {
    "default": {"pool_size": 0},
    "10_playground.ipynb": {"pool_size": pool},
    "explainer.ipynb": {"pool_size": (pool + 1) // 2},
}


# A handed-out kernel is replaced 20 s later, not Voila's 1 s: a class arrives within a few seconds, and a pool
# refilling at once (a kernel started and the notebook run for each reader) takes the server's cores exactly
# while the readers' pages are being served. Measured with 8 readers at once and a pool of 8
# (tests/benchmarks/bench_voila.py, docs/teaching-at-scale.md): the server's share of each page 2.3–3.1 s with
# the refill after the burst, 6.0–7.4 s with it inside; 8 pages in Chromium on the same cores 15–17 s, 35 s.
c.VoilaKernelManager.fill_delay = 20


class PooledKernelsStartIdleWhenHandedOut(AsyncMappingKernelManager):
    """Two changes to Voila's pool of pre-heated kernels.

    Voila's pool keeps its kernels from the culler, but a kernel handed to a reader still carries the time of
    its pre-render, often minutes ago, so the culler could take it before the reader's page has connected.
    Here a kernel's idle time starts again when it leaves the pool (seen at the next culling pass).

    Voila counts a replacement that has not started yet (fill_delay) as a kernel in the pool, so a reader who
    arrives when the ready kernels are gone waits for it. Here only ready kernels count, ready ones are handed
    out first, and a reader who finds none gets a kernel of their own at once (Voila's path without a pool).
    """

    _pooled: frozenset = frozenset()

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if hasattr(self, "fill_if_needed"):  # Voila's pooling subclass (preheat_kernel): count ready kernels only
            self.get_pool_size = self._ready_kernels

    def _ready_kernels(self, notebook_name: str) -> int:
        pool = self._pools.get(notebook_name, [])

        def ready(task) -> bool:
            return task.done() and not task.cancelled() and task.exception() is None

        pool.sort(key=lambda task: not ready(task))  # ready first: Voila hands out the pool's first kernel
        return sum(map(ready, pool))

    async def cull_kernels(self):
        pooled = set()
        for pool in getattr(self, "_pools", {}).values():
            for task in pool:
                if task.done() and not task.cancelled() and task.exception() is None:
                    pooled.add(task.result()["kernel_id"])
        for kernel_id in self._pooled - pooled:
            if kernel_id in self._kernels:
                self._kernels[kernel_id].last_activity = utcnow()
        self._pooled = frozenset(pooled)
        await super().cull_kernels()


c.VoilaConfiguration.multi_kernel_manager_class = PooledKernelsStartIdleWhenHandedOut
