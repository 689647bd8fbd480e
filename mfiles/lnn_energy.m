% -*- texinfo -*-
% @deftypefn {hlnn} {@var{E} =} lnn_energy (@var{model}, @var{Q}, @var{Qd})
% Energy of the learned Lagrangian, @code{E = qdot . dL/dqdot - L}, at the
% states @code{[@var{Q} @var{Qd}]} (each N x n); @var{E} is N x 1.
%
% @var{E} is conserved exactly along the model's own Euler--Lagrange
% dynamics (@code{lnn_accel}); along a numerically integrated trajectory
% its drift measures the integrator's error.  For a Lagrangian
% @code{T - V} learned up to a scale factor and a constant, @var{E} is the
% physical @code{T + V} up to the same scale and constant.
% @seealso{lnn_lagrangian, lnn_accel, lnn_create}
% @end deftypefn
function E = lnn_energy (model, Q, Qd)
  hlnn_check_nargin (nargin, 3, 3, 'lnn_energy');
  hlnn_check_model (model, 'lnn', 'lnn_energy');
  hlnn_check_data (Q, 'Q', model.n, [], 'lnn', 'lnn_energy');
  hlnn_check_data (Qd, 'Qd', model.n, size (Q, 1), 'lnn', 'lnn_energy');
  [~, E] = hlnn_lnn_lagrangian_mex (model, Q, Qd);
end

%!test
%! % E = qd . dL/dqd - L with dL/dqd by central differences of lnn_lagrangian
%! m = lnn_create (2, [10 10], 'Activation', 'sin', 'Seed', 3);
%! q = randn (6, 2);  qd = randn (6, 2);
%! h = 1e-6;
%! dL = zeros (6, 2);
%! for k = 1:2
%!   e = zeros (1, 2);  e(k) = h;
%!   dL(:, k) = (lnn_lagrangian (m, q, qd + e) - lnn_lagrangian (m, q, qd - e)) / (2 * h);
%! end
%! ref = sum (qd .* dL, 2) - lnn_lagrangian (m, q, qd);
%! assert (lnn_energy (m, q, qd), ref, 1e-7 * max (abs (ref)));

%!test
%! % conserved along the model's own dynamics
%! m = lnn_create (1, [16 16], 'Seed', 4);
%! opt = odeset ('RelTol', 1e-10, 'AbsTol', 1e-10);
%! [~, x] = ode45 (@(t, x) [x(2); lnn_accel(m, x(1), x(2))], [0 1], [0.5; 0.2], opt);
%! E = lnn_energy (m, x(:,1), x(:,2));
%! assert (max (abs (E - E(1))) < 1e-6 * max (1, abs (E(1))));

%!error <Qd must have 2 rows> lnn_energy (lnn_create (1, 3), [1; 2], 1)
%!error <kind 'lnn'> lnn_energy (struct ('kind', 'hnn'), 1, 1)
%!error <Invalid call> lnn_energy (lnn_create (1, 3))

%!demo
%! model = lnn_create (1, [16 16], 'Seed', 1);
%! q = linspace (-pi, pi, 100)';
%! plot (q, lnn_energy (model, q, ones (100, 1))); xlabel ('q'); ylabel ('E at qdot = 1');
