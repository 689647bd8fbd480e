% -*- texinfo -*-
% @deftypefn {hlnn} {} test_fin_closed_forms ()
% The finance baselines and scores against closed forms on the shipped
% data: random-walk forecast = last value, AR(1) and Vasicek estimates =
% OLS by the normal equations, DM statistic = a hand computation, and the
% phase-space round trip recovers prices and yields to 1e-12.
% @end deftypefn
function test_fin_closed_forms ()
end

%!shared E, Y
%! E = fin_load_data ('eustockmarkets');
%! Y = fin_load_data ('ust-tcm-monthly');

%!test
%! % round trip on both data sets, with gaps: prices back to 1e-12 (relative)
%! P = E.P;
%! P([100 101 700], [1 3]) = NaN;
%! prep = fin_phase_space (E.t, P, 'TrainWindow', [1 1000], 'NoiseWarning', false);
%! ok = prep.valid;
%! err = max (max (abs (fin_inverse (prep, prep.X(ok, :)) ./ prep.P(ok, :) - 1)));
%! printf ('  EuStockMarkets round trip: max relative error %.2e\n', err);
%! assert (err < 1e-12);
%! assert (prep.P(101, 1), E.P(99, 1));
%! prep = fin_phase_space (Y.t, Y.P, 'Log', false, 'TrainWindow', [1 300], 'NoiseWarning', false);
%! ok = prep.valid;
%! err = max (max (abs (fin_inverse (prep, prep.X(ok, :)) ./ Y.P(ok, :) - 1)));
%! printf ('  tcm round trip: max relative error %.2e\n', err);
%! assert (err < 1e-12);

%!test
%! % random walk = last value, drift = last value + h * mean increment
%! q = log (E.P);
%! o = (1201:1300)';
%! Qh = fin_baseline ('rw', q, [1 1200], o, [1 5 20]);
%! for i = 1:3
%!   assert (isequal (Qh(:, :, i), q(o, :)));
%! end
%! Qd = fin_baseline ('drift', q, [1 1200], o, 20);
%! assert (Qd, q(o, :) + 20 * (q(1200, :) - q(1, :)) / 1199, 1e-12);

%!test
%! % AR(1) on daily log returns and Vasicek on yields: OLS by the normal equations
%! q = log (E.P);
%! [~, par] = fin_baseline ('ar1', q, [1 1200], 1300, 1);
%! r = diff (q(1:1200, :));
%! for j = 1:4
%!   X = [ones(1198, 1), r(1:end-1, j)];
%!   beta = (X' * X) \ (X' * r(2:end, j));
%!   assert ([par.c(j); par.phi(j)], beta, 1e-9 * max (abs (beta)));
%! end
%! [~, par] = fin_baseline ('vasicek', Y.P, [1 400], 450, 1, 'PeriodsPerYear', 12);
%! for j = 1:4
%!   X = [ones(399, 1), Y.P(1:399, j)];
%!   beta = (X' * X) \ (X' * Y.P(2:400, j));
%!   assert ([par.c(j); par.phi(j)], beta, 1e-9);
%!   assert (par.kappa(j), -12 * log (beta(2)), 1e-8);
%! end

%!test
%! % DM by hand, h = 2 (lag h - 1 = 1): errors over 6 periods, 2 series
%! e1 = [1 0; 0 2; 1 1; 2 0; 0 0; 1 1];
%! e2 = [0 0; 1 1; 1 0; 0 0; 1 1; 0 0];
%! % d = mean over series of e1.^2 - e2.^2 = [1/2 1 1/2 2 -1 1], mean 2/3
%! % dc = [-1/6 1/3 -1/6 4/3 -5/3 1/3]
%! % g0 = (1 + 4 + 1 + 64 + 100 + 4)/36 / 6 = 29/36
%! % g1 = (-2 - 2 - 8 - 80 - 20)/36 / 6 = -14/27
%! % V = g0 + 2 (1 - 1/2) g1 = 29/36 - 14/27 = 31/108
%! % stat = (2/3) / sqrt (V / 6) = (2/3) sqrt (648/31)
%! [s, p, info] = fin_dm_test (e1, e2, 2, 'Lag', 1);
%! assert (info.lag, 1);
%! assert (info.dbar, 2/3, 1e-15);
%! assert (info.V, 31 / 108, 1e-15);
%! assert (s, (2/3) * sqrt (648 / 31), 1e-14);
%! assert (p, erfc (s / sqrt (2)), 1e-15);
%! % the default lag for T = 6 is max (1, floor (4 * 0.06^(2/9))) = 2
%! [~, ~, info] = fin_dm_test (e1, e2, 2);
%! assert (info.lag, 2);
