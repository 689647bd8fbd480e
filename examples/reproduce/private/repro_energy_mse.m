% -*- texinfo -*-
% @deftypefn {hlnn} {[@var{mse}, @var{Xs}, @var{E}] =} repro_energy_mse (@var{model}, @var{p}, @var{opts})
% Roll @var{model} out from the starts of protocol @var{p} (see
% @code{repro_protocol}) with the rollout options @var{opts} (default
% the protocol's) and return the mean over times and starts of
% @code{(Etrue - E)^2}.  A rollout the integrator cannot finish (a
% learned field that blows up) gives @code{mse = NaN}, counted as a
% failure by the caller.
% @end deftypefn
function [mse, Xs, E] = repro_energy_mse (model, p, opts)
  if (nargin < 3)
    opts = p.rollout;
  end
  try
    [~, Xs] = hlnn_rollout (model, p.X0, p.t * p.tscale, opts{:});
  catch err
    fprintf ('    rollout failed (%s): %s\n', model.kind, err.message);
    mse = NaN; Xs = []; E = [];
    return;
  end
  [T, d, K] = size (Xs);
  E = reshape (p.energy (reshape (permute (Xs, [1 3 2]), T * K, d)), T, K);
  mse = mean ((p.Etrue(:) - E(:)).^2);
end
