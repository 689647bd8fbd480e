% -*- texinfo -*-
% @deftypefn {hlnn} {@var{dX} =} fin_model_field (@var{model}, @var{X}, @var{gamma})
% Time derivative of phase-space states X = [Q Qd] (K x 2n) under a
% learned model, plus the dissipation -gamma Qd on the velocity rows
% (internal).  The one place the finance adapters dispatch on
% @code{model.kind}: an MLP predicts [dQ dQd] directly, an HNN moves along
% Hamilton's equations with p = Qd, an LNN along Euler--Lagrange with
% qdot = Qd.
% @end deftypefn
function dX = fin_model_field (model, X, gamma)
  n = size (X, 2) / 2;
  switch (model.kind)
    case 'mlp'
      dX = mlp_predict (model, X);
    case 'hnn'
      dX = hnn_field (model, X);
    case 'lnn'
      dX = [X(:, n+1:end), lnn_accel(model, X(:, 1:n), X(:, n+1:end))];
    otherwise
      error ('hlnn:fin:model', 'fin: unknown model kind ''%s''', model.kind);
  end
  if (gamma ~= 0)
    dX(:, n+1:end) = dX(:, n+1:end) - gamma * X(:, n+1:end);
  end
end
