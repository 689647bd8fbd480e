% -*- texinfo -*-
% @deftypefn {hlnn} {@var{Z} =} fin_integrate (@var{model}, @var{X0}, @var{dtau}, @var{nsteps}, @var{gamma}, @var{substeps})
% Integrate the learned field of @var{model} from the K rows of @var{X0}
% (batched) with classical RK4, @var{substeps} steps per period of length
% @var{dtau}; @var{Z}(:, :, s) is the state after s periods (internal).
% Each row evolves on its own: no row's result depends on another's, and
% a row whose path leaves the finite numbers becomes NaN while the others
% go on.  That is why this is not hlnn_rollout, which stops the whole
% batch at the first non-finite value: one diverging late origin would
% then change how earlier origins are integrated, and the no-look-ahead
% guarantee (forecasts from an origin depend on rows up to it only, bit
% for bit) would depend on the integration path taken.
% @end deftypefn
function Z = fin_integrate (model, X0, dtau, nsteps, gamma, substeps)
  [K, d] = size (X0);
  Z = zeros (K, d, nsteps);
  h = dtau / substeps;
  x = X0;
  for s = 1:nsteps
    for r = 1:substeps
      k1 = fin_model_field (model, x, gamma);
      k2 = fin_model_field (model, x + (h / 2) * k1, gamma);
      k3 = fin_model_field (model, x + (h / 2) * k2, gamma);
      k4 = fin_model_field (model, x + h * k3, gamma);
      x = x + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
    end
    Z(:, :, s) = x;
  end
end
