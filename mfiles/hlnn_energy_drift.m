% -*- texinfo -*-
% @deftypefn  {hlnn} {[@var{mse}, @var{drift}, @var{E}] =} hlnn_energy_drift (@var{energy}, @var{Xs})
% @deftypefnx {hlnn} {[@var{mse}, @var{drift}, @var{E}] =} hlnn_energy_drift (@var{energy}, @var{Xs}, @var{Eref})
% Energy error of a rollout.
%
% @var{energy} is a system struct (its @code{energy} handle is used) or a
% function handle mapping N x d states to N x 1 energies.  @var{Xs} is a
% rollout, T x d x K (or T x d for one trajectory), as from
% @code{hlnn_rollout}.  @var{Eref} is the true energy: a scalar, 1 x K
% (one per trajectory) or T x K (e.g.@: the energy along the exact
% trajectory of a dissipative system); by default the energy of each
% trajectory's first state, which a conservative system keeps.
%
% @var{mse} is the mean of @code{(E - Eref)^2} over all times and
% trajectories; @var{drift} the largest relative error
% @code{max |E - Eref| / |Eref|} (Inf when some @code{Eref} is 0 and
% @code{E} is not); @var{E} the T x K energies.
% @seealso{hlnn_rollout, hlnn_system}
% @end deftypefn
function [mse, drift, E] = hlnn_energy_drift (energy, Xs, Eref)
  hlnn_check_nargin (nargin, 2, 3, 'hlnn_energy_drift');
  if (isstruct (energy) && isscalar (energy) && isfield (energy, 'energy'))
    efun = energy.energy;
  elseif (isa (energy, 'function_handle'))
    efun = energy;
  else
    error ('hlnn:drift:energy', ['hlnn_energy_drift: ENERGY must be a system ' ...
           'struct or a function handle']);
  end
  if (~isnumeric (Xs) || ~isreal (Xs) || ndims (Xs) > 3 || isempty (Xs))
    error ('hlnn:drift:size', 'hlnn_energy_drift: XS must be a real T x d x K array');
  end
  [T, d, K] = size (Xs);
  X = reshape (permute (double (Xs), [1 3 2]), T * K, d);
  e = efun (X);
  if (~isnumeric (e) || numel (e) ~= T * K)
    error ('hlnn:drift:energy', ...
           'hlnn_energy_drift: ENERGY must return one value per state');
  end
  E = reshape (e, T, K);
  if (nargin < 3)
    Eref = E(1, :);
  end
  if (~isnumeric (Eref) || ~isreal (Eref) ...
      || ~(isscalar (Eref) || isequal (size (Eref), [1 K]) || isequal (size (Eref), [T K])))
    error ('hlnn:drift:eref', 'hlnn_energy_drift: EREF must be a scalar, 1 x %d or %d x %d', ...
           K, T, K);
  end
  Eref = repmat (Eref, T / size (Eref, 1), K / size (Eref, 2));
  err = E - Eref;
  mse = mean (err(:) .^ 2);
  rel = abs (err) ./ abs (Eref);
  rel(err == 0) = 0;
  drift = max (rel(:));
end

%!test
%! % the exact spring flow keeps its energy: zero error
%! sys = hlnn_system ('spring');
%! t = linspace (0, 3, 20)';
%! Xs = cat (3, [cos(2 * t), -sin(2 * t)], 0.5 * [sin(2 * t), cos(2 * t)]);
%! [mse, drift, E] = hlnn_energy_drift (sys, Xs);
%! assert (mse < 1e-30 && drift < 1e-15);
%! assert (E(1, :), [1 0.25], 1e-15);

%!test
%! % known errors through a function handle and explicit references
%! f = @(X) sum (X .^ 2, 2);
%! Xs = reshape ([1 2 1 1], 2, 2, 1);   % states [1 1] and [2 1]
%! [mse, drift] = hlnn_energy_drift (f, Xs);
%! assert (mse, (0 + 9) / 2, 1e-15);
%! assert (drift, 3 / 2, 1e-15);
%! [mse, drift] = hlnn_energy_drift (f, Xs, [2; 5]);
%! assert ([mse, drift], [0, 0]);
%! [~, drift] = hlnn_energy_drift (f, Xs, 0);
%! assert (drift, Inf);

%!test
%! % rk4 on the pendulum drifts more than gl4 over a long rollout
%! sys = hlnn_system ('pendulum');
%! t = 0:1:300;
%! [~, Xr] = hlnn_rollout (sys, [2 0], t, 'Method', 'rk4', 'Step', 0.1);
%! [~, Xg] = hlnn_rollout (sys, [2 0], t, 'Method', 'gl4', 'Step', 0.1);
%! [mr, dr] = hlnn_energy_drift (sys, Xr);
%! [mg, dg] = hlnn_energy_drift (sys, Xg);
%! assert (dr > 10 * dg && mr > 100 * mg);

%!error <ENERGY must be> hlnn_energy_drift (3, ones (2, 2))
%!error <XS must be> hlnn_energy_drift (@(X) X(:, 1), 'ab')
%!error <one value per state> hlnn_energy_drift (@(X) 1, ones (3, 2))
%!error <EREF must be> hlnn_energy_drift (@(X) X(:, 1), ones (3, 2), [1 2 3])
%!error <Invalid call> hlnn_energy_drift (@(X) X)

%!demo
%! sys = hlnn_system ('pendulum');
%! t = 0:1:300;
%! for m = {'rk4', 'leapfrog', 'gl4'}
%!   [~, Xs] = hlnn_rollout (sys, [2 0], t, 'Method', m{1}, 'Step', 0.1);
%!   [mse, drift] = hlnn_energy_drift (sys, Xs);
%!   fprintf ('%-9s energy MSE %.3g, max relative drift %.3g\n', m{1}, mse, drift);
%! end
