% -*- texinfo -*-
% @deftypefn {hlnn} {@var{dX} =} fin_model_field (@var{model}, @var{X}, @var{gamma})
% Time derivative of phase-space states X = [Q Qd] (K x 2n) under a
% learned model, plus the dissipation -gamma Qd on the velocity rows
% (internal).  The one place the finance adapters dispatch on
% @code{model.kind}: an MLP predicts [dQ dQd] directly, an HNN moves along
% Hamilton's equations with p = Qd, an LNN along Euler--Lagrange with
% qdot = Qd.  Rows that are not finite (a path that diverged) and rows
% without a field (an LNN's singular mass matrix) are NaN; fin_forecast
% reports them.
% @end deftypefn
function dX = fin_model_field (model, X, gamma)
  n = size (X, 2) / 2;
  dX = NaN (size (X));
  ok = all (isfinite (X), 2);
  if (~any (ok))
    return;
  end
  Y = X(ok, :);
  switch (model.kind)
    case 'mlp'
      F = mlp_predict (model, Y);
    case 'hnn'
      F = hnn_field (model, Y);
    case 'lnn'
      % counted once by fin_forecast instead of a warning per RK4 stage
      w = warning ('off', 'hlnn:lnn:singular');
      F = [Y(:, n+1:end), lnn_accel(model, Y(:, 1:n), Y(:, n+1:end))];
      warning (w);
    otherwise
      error ('hlnn:fin:model', 'fin: unknown model kind ''%s''', model.kind);
  end
  if (gamma ~= 0)
    F(:, n+1:end) = F(:, n+1:end) - gamma * Y(:, n+1:end);
  end
  dX(ok, :) = F;
end
