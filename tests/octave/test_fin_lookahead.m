% -*- texinfo -*-
% @deftypefn {hlnn} {} test_fin_lookahead ()
% No look-ahead, bit for bit: every price after a split point is
% perturbed, and everything computed for origins up to that point (the
% normalisation, the phase-space features, the fitted models and the
% forecasts of every model, baselines and learned) stays identical.
% @end deftypefn
function test_fin_lookahead ()
end

%!shared t, P, P2, k
%! randn ('state', 42);
%! T = 420;
%! t = (0:T-1)' / 260;
%! P = 100 * exp (cumsum (0.01 * randn (T, 3)) + 0.1 * sin ((1:T)' / 30 * [1 2 3]));
%! P(50:52, 2) = NaN;                          % a gap, carried forward
%! k = 330;                                    % the split point
%! P2 = P;
%! P2(k+1:end, :) = P2(k+1:end, :) .* exp (0.5 * randn (T - k, 3)) + 3;
%! P2(k+5, 1) = NaN;

%!test
%! % normalisation and features up to k, labels inside the window
%! for W = [2 5 9]
%!   a = fin_phase_space (t, P, 'TrainWindow', [20 k], 'VelocityWindow', W, ...
%!                        'LabelMethod', 'sg', 'LabelWindow', 7, 'NoiseWarning', false);
%!   b = fin_phase_space (t, P2, 'TrainWindow', [20 k], 'VelocityWindow', W, ...
%!                        'LabelMethod', 'sg', 'LabelWindow', 7, 'NoiseWarning', false);
%!   assert (isequal (a.norm, b.norm));
%!   assert (isequal (a.noise_ratio, b.noise_ratio));
%!   assert (isequaln (a.X(1:k, :), b.X(1:k, :)));
%!   assert (isequaln (a.P(1:k, :), b.P(1:k, :)));
%!   assert (isequal (a.train_rows, b.train_rows));
%!   assert (max (a.train_rows) + a.reach <= k);
%!   r = a.train_rows;
%!   assert (isequal (a.dX(r, :), b.dX(r, :)) && isequal (a.Qdd(r, :), b.Qdd(r, :)));
%!   % and the perturbation did reach the rows after k
%!   assert (~isequaln (a.X(k+1:end, :), b.X(k+1:end, :)));
%! end

%!test
%! % whole walk-forward pipeline: fold 1 trains on 1..300 and forecasts from
%! % 301..360, across the split point k = 330; fold 2 trains past k.
%! warning ('off', 'hlnn:fin:noisy', 'local');
%! warning ('off', 'hlnn:fin:nonfinite', 'local');
%! models = {'rw', 'drift', 'ar1', 'vasicek', 'ewma', 'har', 'mlp'};
%! if (exist ('hnn_train')) models{end+1} = 'hnn'; end
%! if (exist ('lnn_train')) models{end+1} = 'lnn'; end
%! folds = fin_split (420, 'TrainSize', 300, 'TestSize', 60, 'Embargo', 0);
%! opt = {'Models', models, 'Horizons', [1 5 20], 'Folds', folds, ...
%!        'Fit', {'Hidden', 8, 'Steps', 40}, 'Verbose', false};
%! A = fin_backtest (t, P, opt{:});
%! B = fin_backtest (t, P2, opt{:});
%! for i = 1:3
%!   early = A.origin{i} <= k;
%!   assert (isequal (A.origin{i}, B.origin{i}));
%!   assert (nnz (early) >= 10);
%!   assert (isequal (A.q0{i}(early, :), B.q0{i}(early, :)));
%!   for m = 1:numel (models)
%!     % not vacuous: at h = 1 some early forecasts are numbers (a small
%!     % LNN's path often leaves the finite numbers, see fin_forecast)
%!     fin = nnz (all (isfinite (A.forecast{m, i}(early, :)), 2));
%!     assert (i > 1 || fin >= 5, sprintf ('%s: only %d finite', models{m}, fin));
%!     assert (isequaln (A.forecast{m, i}(early, :), B.forecast{m, i}(early, :)), ...
%!             sprintf ('%s, h = %d: a forecast from before the split changed', models{m}, A.horizons(i)));
%!   end
%! end
%! % later origins did change, for every model
%! late = A.origin{1} > k + 1;
%! for m = 1:numel (models)
%!   assert (~isequaln (A.forecast{m, 1}(late, :), B.forecast{m, 1}(late, :)));
%! end

%!test
%! % fin_forecast and fin_scenarios from origins <= k with a model fitted on 1..k
%! a = fin_phase_space (t, P, 'TrainWindow', [1 k], 'NoiseWarning', false);
%! b = fin_phase_space (t, P2, 'TrainWindow', [1 k], 'NoiseWarning', false);
%! ma = fin_fit ('mlp', a, 'Hidden', 8, 'Steps', 40);
%! mb = fin_fit ('mlp', b, 'Hidden', 8, 'Steps', 40);
%! assert (isequal (ma.W, mb.W) && isequal (ma.b, mb.b));
%! Fa = fin_forecast (ma, a, [200 300 k], [1 10 40], 'Gamma', 2);
%! Fb = fin_forecast (mb, b, [200 300 k], [1 10 40], 'Gamma', 2);
%! assert (isequal (Fa.state, Fb.state) && isequal (Fa.level, Fb.level));
%! Sa = fin_scenarios (ma, a, [-0.1 0 0], 'Origin', k);
%! Sb = fin_scenarios (mb, b, [-0.1 0 0], 'Origin', k);
%! assert (isequal (Sa.level, Sb.level));
