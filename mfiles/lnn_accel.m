% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{Qdd} =} lnn_accel (@var{model}, @var{Q}, @var{Qd})
% @deftypefnx {hlnn} {[@var{Qdd}, @var{info}] =} lnn_accel (@dots{})
% Accelerations of a Lagrangian neural network at the states
% @code{[@var{Q} @var{Qd}]} (each N x n); @var{Qdd} is N x n.
%
% For each state, with @code{A = d2L/dqdot2} and
% @code{B = d2L/dqdot dq} computed exactly from the network (forward
% tangents and reverse passes in C, n + 1 passes per batch), the
% Euler--Lagrange equations give
% @code{qddot = A \ (dL/dq - B qdot)}, solved with a Cholesky
% factorisation when @code{A} is positive definite and LU otherwise.
%
% Near-singular @code{A} (reciprocal 1-norm condition estimate below the
% model's @code{regularization} r) is solved as @code{A + r norm (A, 1) I};
% a state with no usable solution gets a NaN row and warning
% @code{hlnn:lnn:singular}.  The struct @var{info} counts the states:
% @code{samples}, @code{indefinite} (A not positive definite),
% @code{negative_definite} (of those, A negative definite),
% @code{regularised}, @code{singular}, and @code{rcond_min}, the
% smallest reciprocal condition estimate of @code{A} met.
%
% L and -L have the same motion, so a learned L may take either sign,
% but a mechanical Lagrangian's @code{A} is its mass matrix, definite
% everywhere: @code{samples - indefinite + negative_definite} states
% where @code{A} is definite, of either sign, out of @code{samples} is
% the check of a trained LNN.  An LNN whose @code{A} is indefinite over
% the data cannot reach a definite one by gradient descent without
% crossing @code{det A = 0}, where its accelerations blow up; train it
% again from another initialisation (examples/reproduce/README.md).
%
% @var{Qdd} is a function of the state only, so a trajectory is e.g.
% @code{ode45 (@@(t, x) [x(n+1:end); lnn_accel(model, x(1:n)', x(n+1:end)')'], tspan, x0)}.
% @seealso{lnn_create, lnn_train, lnn_lagrangian, lnn_energy}
% @end deftypefn
function [Qdd, info] = lnn_accel (model, Q, Qd)
  hlnn_check_nargin (nargin, 3, 3, 'lnn_accel');
  hlnn_check_model (model, 'lnn', 'lnn_accel');
  hlnn_check_data (Q, 'Q', model.n, [], 'lnn', 'lnn_accel');
  hlnn_check_data (Qd, 'Qd', model.n, size (Q, 1), 'lnn', 'lnn_accel');
  [Qdd, info] = hlnn_lnn_accel_mex (model, Q, Qd);
  if (info.singular > 0)
    warning ('hlnn:lnn:singular', ...
             'lnn_accel: %d of %d states have a singular d2L/dqdot2 even after regularisation; their accelerations are NaN', ...
             info.singular, info.samples);
  end
end

%!shared m, q, qd
%! m = lnn_create (2, [12 12], 'Activation', 'tanh', 'Seed', 5);
%! q = [0.3 -1.2; 1.1 0.4; -2.0 2.5; 0.1 0.2];
%! qd = [0.5 1.5; -1.0 0.3; 2.2 -0.7; 0.0 0.9];

%!function g = grad_ref (m, x)
%! % plain-Octave gradient of a tanh MLP at the row x
%! a = {x'};
%! for l = 1:numel (m.W) - 1
%!   a{l+1} = tanh (m.W{l} * a{l} + m.b{l});
%! end
%! d = m.W{end}';
%! for l = numel (m.W) - 1:-1:1
%!   d = m.W{l}' * ((1 - a{l+1}.^2) .* d);
%! end
%! g = d;

%!test
%! % against A \ (dL/dq - B qd) with A, B by central differences of an
%! % independent plain-Octave gradient
%! [qdd, info] = lnn_accel (m, q, qd);
%! assert (info.samples, 4);
%! assert (info.singular + info.regularised, 0);
%! h = 1e-5;
%! for i = 1:4
%!   x = [q(i,:) qd(i,:)];
%!   H = zeros (4, 2);
%!   for k = 1:2
%!     e = zeros (1, 4);  e(2 + k) = h;
%!     H(:, k) = (grad_ref (m, x + e) - grad_ref (m, x - e)) / (2 * h);
%!   end
%!   g = grad_ref (m, x);
%!   A = H(3:4, :);  B = H(1:2, :)';
%!   ref = A \ (g(1:2) - B * qd(i,:)');
%!   assert (qdd(i,:)', ref, 1e-7 * norm (ref));
%! end

%!test
%! % rows are independent: a batch equals its rows one at a time (up to
%! % the rounding of differently blocked GEMMs)
%! qdd = lnn_accel (m, q, qd);
%! for i = 1:4
%!   assert (lnn_accel (m, q(i,:), qd(i,:)), qdd(i,:), 1e-12 * norm (qdd(i,:)));
%! end

%!test
%! % -L has the same accelerations and the opposite A: its negative
%! % definite states are L's positive definite ones
%! neg = m;
%! neg.W{end} = -m.W{end};  neg.b{end} = -m.b{end};
%! X = [linspace(-2, 2, 40)', linspace(1, -1, 40)'];
%! V = [linspace(-3, 3, 40)', cos(1:40)'];
%! [a, i1] = lnn_accel (m, X, V);
%! [b, i2] = lnn_accel (neg, X, V);
%! assert (b, a, 1e-10 * max (abs (a(:))));
%! assert (i2.negative_definite, i1.samples - i1.indefinite);
%! assert (i1.negative_definite, i2.samples - i2.indefinite);
%! assert (i1.indefinite > i1.negative_definite);

%!warning <singular d2L/dqdot2>
%! z = lnn_create (1, 4);
%! z.W{2}(:) = 0;
%! [qdd, info] = lnn_accel (z, [0.1; 0.2], [1; 2]);
%! assert (all (isnan (qdd)));
%! assert (info.singular, 2);

%!error <Qd must have 4 rows> lnn_accel (m, q, qd(1:2,:))
%!error <Q must have 2 columns> lnn_accel (m, q(:,1), qd)
%!error <kind 'lnn'> lnn_accel (mlp_create ([4 3 1]), q, qd)
%!error <finite> lnn_accel (m, [q(1:3,:); NaN 0], qd)
%!error <Invalid call> lnn_accel (m, q)

%!demo
%! % a freshly created network already defines (untrained) dynamics
%! model = lnn_create (1, [32 32], 'Seed', 2);
%! [t, x] = ode45 (@(t, x) [x(2); lnn_accel(model, x(1), x(2))], [0 5], [1; 0]);
%! plot (t, x(:,1)); xlabel ('t'); ylabel ('q');
