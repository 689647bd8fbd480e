#!/usr/bin/python3
"""bench_torch.py -- the PyTorch side of hlnn's benchmarks.

Reads the case files written by bench_hlnn.m (initial weights, data,
settings), performs the same work in PyTorch (float64, CPU), at each thread
count given, and writes one JSON object per (case, threads) to stdout:
seconds for the timed steps, and the loss after 10 steps from the same
initial weights (the cross-check against hlnn).

Usage: bench_torch.py CASEDIR THREADS [THREADS ...]
"""
import json
import os
import sys
import time

import numpy as np
import scipy.io
import torch

torch.set_default_dtype(torch.float64)


def act_fn(name):
    return {"tanh": torch.tanh, "softplus": torch.nn.functional.softplus,
            "sigmoid": torch.sigmoid, "sin": torch.sin,
            "gelu": torch.nn.functional.gelu,
            "relu": torch.relu}[name]


class Net(torch.nn.Module):
    """Dense net with the weights of an hlnn model struct (W{l} out x in)."""

    def __init__(self, W, b, act):
        super().__init__()
        self.layers = torch.nn.ModuleList()
        for Wl, bl in zip(W, b):
            lin = torch.nn.Linear(Wl.shape[1], Wl.shape[0])
            with torch.no_grad():
                lin.weight.copy_(torch.from_numpy(np.ascontiguousarray(Wl)))
                lin.bias.copy_(torch.from_numpy(np.ascontiguousarray(bl).ravel()))
            self.layers.append(lin)
        self.act = act_fn(act)

    def forward(self, x):
        for lin in self.layers[:-1]:
            x = self.act(lin(x))
        return self.layers[-1](x)


def mlp_loss(net, X, Y):
    return ((net(X) - Y) ** 2).mean()


def hnn_field(net, X):
    """Hamilton's equations from the learned H, as in Greydanus et al."""
    X = X.requires_grad_(True) if not X.requires_grad else X
    H = net(X).sum()
    dH, = torch.autograd.grad(H, X, create_graph=True)
    n = X.shape[1] // 2
    return torch.cat([dH[:, n:], -dH[:, :n]], dim=1)


def hnn_loss(net, X, Y):
    return ((hnn_field(net, X.clone().requires_grad_(True)) - Y) ** 2).mean()


def lnn_accel(net, X):
    """Euler-Lagrange accelerations with per-sample Hessians (functorch),
    the way the LNN reference code does it with jax."""
    from functorch import hessian, jacrev, vmap, make_functional
    fnet, params = make_functional(net)
    n = X.shape[1] // 2

    def L(p, x):
        return fnet(p, x.unsqueeze(0)).squeeze()

    def accel(p, x):
        g = jacrev(L, argnums=1)(p, x)
        Hs = hessian(L, argnums=1)(p, x)
        A = Hs[n:, n:]
        B = Hs[n:, :n]
        rhs = g[:n] - B @ x[n:]
        return torch.linalg.solve(A, rhs)

    return fnet, params, lambda p, X: vmap(accel, in_dims=(None, 0))(p, X)


def run_train(case, threads):
    torch.set_num_threads(threads)
    W = [np.asarray(w, dtype=np.float64) for w in case["W"].ravel()]
    b = [np.asarray(v, dtype=np.float64) for v in case["b"].ravel()]
    X = torch.from_numpy(np.ascontiguousarray(case["X"]))
    Y = torch.from_numpy(np.ascontiguousarray(case["Y"]))
    kind = str(case["kind"][0])
    act = str(case["activation"][0])
    lr = float(case["lr"][0, 0])
    steps = int(case["steps"][0, 0])
    clip = float(case["clip"][0, 0])
    net = Net(W, b, act)
    if kind == "lnn":
        from functorch import make_functional
        fnet, params, accel = lnn_accel(net, X)
        params = [torch.nn.Parameter(p.detach().clone()) for p in params]
        opt = torch.optim.Adam(params, lr=lr)

        def step():
            opt.zero_grad()
            loss = ((accel(params, X) - Y) ** 2).mean()
            loss.backward()
            if clip > 0:
                torch.nn.utils.clip_grad_norm_(params, clip)
            opt.step()
            return loss.item()
    else:
        lossf = {"mlp": mlp_loss, "hnn": hnn_loss}[kind]
        opt = torch.optim.Adam(net.parameters(), lr=lr)

        def step():
            opt.zero_grad()
            loss = lossf(net, X, Y)
            loss.backward()
            if clip > 0:
                torch.nn.utils.clip_grad_norm_(net.parameters(), clip)
            opt.step()
            return loss.item()

    losses = [step() for _ in range(10)]        # cross-check and warm-up
    t0 = time.perf_counter()
    for _ in range(steps):
        step()
    sec = time.perf_counter() - t0
    return {"case": str(case["name"][0]), "impl": "pytorch", "threads": threads,
            "seconds": sec, "steps": steps, "loss10": losses[-1]}


def run_rollout(casedir, threads):
    """The HNN paper's evaluation path: scipy's solve_ivp (RK45, rtol
    1e-12 as in its integrate_model) calling the torch model's field, one
    initial state at a time."""
    from scipy.integrate import solve_ivp
    torch.set_num_threads(threads)
    case = scipy.io.loadmat(casedir + "/rollout.mat")
    W = [np.asarray(w, dtype=np.float64) for w in case["W"].ravel()]
    b = [np.asarray(v, dtype=np.float64) for v in case["b"].ravel()]
    net = Net(W, b, "tanh")
    t = case["t"].ravel()

    def fun(_, y):
        x = torch.tensor(y.reshape(1, -1), requires_grad=True)
        return hnn_field(net, x).detach().numpy().ravel()

    t0 = time.perf_counter()
    nfev = 0
    for y0 in case["x0"]:
        sol = solve_ivp(fun, (t[0], t[-1]), y0, t_eval=t, rtol=1e-12)
        nfev += sol.nfev
    sec = time.perf_counter() - t0
    return {"case": "rollout_scipy_rk45", "impl": "pytorch", "threads": threads,
            "seconds": sec, "steps": int(nfev), "end_state": float(sol.y[0, -1])}


def run_sweep(N, w, k, threads):
    """Case (e): k Adam steps of a 2-w-w-1 tanh HNN on N samples (torch's
    own initialisation and random data: the time does not depend on the
    values), after one warm-up step."""
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    net = torch.nn.Sequential(torch.nn.Linear(2, w), torch.nn.Tanh(),
                              torch.nn.Linear(w, w), torch.nn.Tanh(),
                              torch.nn.Linear(w, 1))
    X = torch.randn(N, 2)
    Y = torch.cat([X[:, 1:], -X[:, :1]], dim=1)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)

    def step():
        opt.zero_grad()
        loss = hnn_loss(net, X, Y)
        loss.backward()
        opt.step()

    step()
    t0 = time.perf_counter()
    for _ in range(k):
        step()
    sec = (time.perf_counter() - t0) / k
    return {"case": "sweep_N%d_w%d" % (N, w), "impl": "pytorch",
            "threads": threads, "seconds": sec, "steps": 1, "loss10": None}


def main():
    casedir, threads = sys.argv[1], [int(t) for t in sys.argv[2:]]
    index = [line.strip() for line in open(casedir + "/cases.txt") if line.strip()]
    for name in index:
        case = scipy.io.loadmat(casedir + "/" + name + ".mat")
        for t in threads:
            print(json.dumps(run_train(case, t)), flush=True)
    if os.path.exists(casedir + "/rollout.mat"):
        for t in threads:
            print(json.dumps(run_rollout(casedir, t)), flush=True)
    if os.path.exists(casedir + "/sweep.txt"):
        for line in open(casedir + "/sweep.txt"):
            N, w, k = (int(v) for v in line.split())
            for t in threads:
                print(json.dumps(run_sweep(N, w, k, t)), flush=True)


if __name__ == "__main__":
    main()
