% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{sys} =} hlnn_system (@var{name})
% @deftypefnx {hlnn} {@var{sys} =} hlnn_system (@var{name}, @var{option}, @var{value}, @dots{})
% An analytic mechanical system: its field, energy, Hamiltonian or
% Lagrangian, and a seeded sampler of initial states.
%
% @var{name} is one of (form, degrees of freedom n, parameters with their
% defaults):
% @table @asis
% @item @qcode{'spring'}
% Hamiltonian, n = 1, @code{k = 2, m = 0.5}:
% @code{H = p^2/(2m) + k q^2/2}, i.e.@: Greydanus et al.'s
% @code{H = q^2 + p^2}.
% @item @qcode{'pendulum'}
% Hamiltonian, n = 1, @code{m = 0.5, l = 1, g = 6}:
% @code{H = p^2/(2 m l^2) + m g l (1 - cos q)}, i.e.@: their
% @code{H = 3 (1 - cos q) + p^2}.
% @item @qcode{'double_pendulum'}
% Lagrangian, n = 2, @code{m1 = m2 = l1 = l2 = 1, g = 9.8}; state
% @code{[q1 q2 w1 w2]}, angles from the downward vertical.
% @item @qcode{'two_body'}
% Hamiltonian, n = 4, @code{m1 = m2 = 1, G = 1}, planar gravity; state
% @code{[x1 x2 y1 y2 px1 px2 py1 py2]} (their 8-dimensional order).
% @item @qcode{'three_body'}
% Hamiltonian, n = 6, @code{m1 = m2 = m3 = 1, G = 1}; state
% @code{[x1 x2 x3 y1 y2 y3 px1 px2 px3 py1 py2 py3]}.
% @item @qcode{'henon_heiles'}
% Hamiltonian, n = 2, @code{lambda = 1}:
% @code{H = (px^2+py^2)/2 + (x^2+y^2)/2 + lambda (x^2 y - y^3/3)}.
% @item @qcode{'damped_spring'}
% the spring with friction force @code{-b qdot}, @code{b = 0.1};
% dissipative, its energy H decays.
% @end table
%
% Options (name/value pairs or a struct, case-insensitive) are the
% physical parameters above and the sampler's settings:
% @table @asis
% @item @qcode{'RadiusRange'}
% spring, damped_spring, pendulum: initial @code{(q, p)} has a direction
% drawn uniformly in the square @code{[-1,1]^2} and a radius uniform in
% this range (defaults @code{[0.1 1]}, @code{[0.1 1]}, @code{[1.3 2.3]},
% as Greydanus et al.).  two_body: each coordinate of body 1 uniform in
% the range (default @code{[0.5 1.5]}); three_body: the radius of the
% triangle (default @code{[0.9 1.2]}).
% @item @qcode{'OrbitNoise'}
% two_body: the circular speed times @code{1 + OrbitNoise*randn}
% (default 0.05); three_body: each velocity component times
% @code{1 + OrbitNoise*(2 rand - 1)} (default 0.2).  Circular orbits are
% exact for any masses in the two-body case and for equal masses in the
% three-body case (the speed is scaled by @code{sqrt (G mean (m))}).
% @item @qcode{'EnergyRange'}
% henon_heiles: energy uniform in this range (default @code{[1/12 1/8]},
% below the escape energy @code{1/(6 lambda^2)}); @code{x = 0}, @code{y}
% uniform where the potential is below the energy, the momentum direction
% uniform.
% @item @qcode{'AngleMax'}, @qcode{'RateStd'}
% double_pendulum: angles uniform in @code{[-AngleMax, AngleMax]}
% (default @code{pi/2}), rates normal with this deviation (default 0).
% @end table
%
% The struct @var{sys} has @code{kind = 'system'}, @code{name},
% @code{params} (row, in the order of @code{param_names}), @code{n},
% @code{d = 2n}, @code{form} (@qcode{'hamiltonian'}: state @code{[q p]};
% @qcode{'lagrangian'}: state @code{[q qdot]}), @code{dissipative},
% @code{separable} (leapfrog applies), @code{state_names},
% @code{sampler} and @code{dataset} (Greydanus et al.'s data-set sizes,
% used by @code{hlnn_dataset}) and function handles on K x d matrices of
% states (rows): @code{field} (K x d), @code{energy} (K x 1), @code{H}
% or @code{L} (K x 1), for Lagrangian systems also @code{accel}
% (K x n) and @code{dL} (K x d: @code{[dL/dq dL/dqdot]}), and
% @code{sample (N, seed)}, N x d initial states, reproducible for a given
% seed (the global @code{rand}/@code{randn} state is left unchanged).
% The handles call @code{hlnn_system_eval}.
%
% Example:
% @example
% sys = hlnn_system ('pendulum');
% X0 = sys.sample (3, 1);
% [t, Xs] = hlnn_rollout (sys, X0, linspace (0, 3, 46));
% @end example
% @seealso{hlnn_system_eval, hlnn_rollout, hlnn_dataset}
% @end deftypefn
function sys = hlnn_system (name, varargin)
  hlnn_check_nargin (nargin, 1, Inf, 'hlnn_system');
  names = {'spring', 'pendulum', 'double_pendulum', 'two_body', ...
           'three_body', 'henon_heiles', 'damped_spring'};
  if (~ischar (name) || size (name, 1) ~= 1 || ~any (strcmpi (name, names)))
    error ('hlnn:system:name', 'hlnn_system: NAME must be one of: %s', ...
           strjoin (names, ', '));
  end
  name = lower (name);
  info = hlnn_system_mex ('info', name, []);
  pnames = info.param_names;
  defaults = struct ();
  for j = 1:numel (pnames)
    defaults.(pnames{j}) = info.params(j);
  end
  smp = sampler_defaults (name);
  snames = fieldnames (smp);
  for j = 1:numel (snames)
    defaults.(snames{j}) = smp.(snames{j});
  end
  opts = hlnn_options (defaults, 'system', 'hlnn_system', varargin);

  params = zeros (1, numel (pnames));
  for j = 1:numel (pnames)
    v = opts.(pnames{j});
    if (~isnumeric (v) || ~isreal (v) || ~isscalar (v) || ~isfinite (v))
      error ('hlnn:system:param', 'hlnn_system: %s must be a real finite scalar', ...
             pnames{j});
    end
    params(j) = double (v);
  end
  try
    info = hlnn_system_mex ('info', name, params);
  catch
    error ('hlnn:system:param', ['hlnn_system: invalid parameters for %s ' ...
           '(masses, lengths, spring constants must be > 0; g, G, b >= 0)'], name);
  end
  for j = 1:numel (snames)
    smp.(snames{j}) = opts.(snames{j});
  end
  check_sampler (name, smp, params);

  sys.kind = 'system';
  sys.name = name;
  sys.params = params;
  sys.param_names = pnames;
  sys.n = info.n;
  sys.d = 2 * info.n;
  sys.form = info.form;
  sys.dissipative = info.dissipative;
  sys.separable = info.separable;
  sys.state_names = state_names (name, info.n, info.form);
  sys.sampler = smp;
  sys.dataset = dataset_defaults (name);
  % the handles capture this minimal struct, so they survive save/load
  core = struct ('kind', 'system', 'name', name, 'params', params, ...
                 'form', info.form, 'n', info.n, 'sampler', smp);
  sys.field = @(X) hlnn_system_eval (core, 'field', X);
  sys.energy = @(X) hlnn_system_eval (core, 'energy', X);
  if (strcmp (info.form, 'hamiltonian'))
    sys.H = @(X) hlnn_system_eval (core, 'H', X);
  else
    sys.L = @(X) hlnn_system_eval (core, 'L', X);
    sys.dL = @(X) hlnn_system_eval (core, 'dL', X);
    sys.accel = @(X) hlnn_system_eval (core, 'accel', X);
  end
  sys.sample = @(N, seed) hlnn_system_eval (core, 'sample', N, seed);
end

function s = sampler_defaults (name)
  switch (name)
    case {'spring', 'damped_spring'}
      s = struct ('RadiusRange', [0.1 1]);
    case 'pendulum'
      s = struct ('RadiusRange', [1.3 2.3]);
    case 'two_body'
      s = struct ('RadiusRange', [0.5 1.5], 'OrbitNoise', 0.05);
    case 'three_body'
      s = struct ('RadiusRange', [0.9 1.2], 'OrbitNoise', 0.2);
    case 'henon_heiles'
      s = struct ('EnergyRange', [1/12 1/8]);
    otherwise
      s = struct ('AngleMax', pi / 2, 'RateStd', 0);
  end
end

function check_sampler (name, s, params)
  f = fieldnames (s);
  for j = 1:numel (f)
    v = s.(f{j});
    if (~isnumeric (v) || ~isreal (v) || any (~isfinite (v(:))))
      error ('hlnn:system:sampler', 'hlnn_system: %s must be real and finite', f{j});
    end
    if (any (strcmp (f{j}, {'RadiusRange', 'EnergyRange'})))
      if (numel (v) ~= 2 || v(1) <= 0 || v(2) < v(1))
        error ('hlnn:system:sampler', ...
               'hlnn_system: %s must be [lo hi] with 0 < lo <= hi', f{j});
      end
    elseif (~isscalar (v) || v < 0)
      error ('hlnn:system:sampler', 'hlnn_system: %s must be a scalar >= 0', f{j});
    end
  end
  if (strcmp (name, 'henon_heiles') && s.EnergyRange(2) >= 1 / (6 * params(1)^2))
    error ('hlnn:system:sampler', ['hlnn_system: EnergyRange must stay below ' ...
           'the escape energy 1/(6 lambda^2) = %g'], 1 / (6 * params(1)^2));
  end
end

function names = state_names (name, n, form)
  switch (name)
    case {'two_body', 'three_body'}
      B = n / 2;
      q = [arrayfun(@(b) sprintf ('x%d', b), 1:B, 'UniformOutput', false), ...
           arrayfun(@(b) sprintf ('y%d', b), 1:B, 'UniformOutput', false)];
      names = [q, strcat('p', q)];
    case 'henon_heiles'
      names = {'x', 'y', 'px', 'py'};
    case 'double_pendulum'
      names = {'q1', 'q2', 'w1', 'w2'};
    otherwise
      names = {'q', 'p'};
  end
  if (strcmp (form, 'lagrangian') && ~strcmp (name, 'double_pendulum'))
    names(n+1:end) = strcat (names(1:n), 'dot');
  end
end

function d = dataset_defaults (name)
  % Greydanus et al.'s settings where they have the system
  switch (name)
    case {'spring', 'damped_spring'}
      d = struct ('Trajectories', 50, 'Points', 30, 'TimeSpan', [0 3], ...
                  'Noise', 0.1, 'TestFraction', 0.5);
    case 'pendulum'
      d = struct ('Trajectories', 50, 'Points', 45, 'TimeSpan', [0 3], ...
                  'Noise', 0.1, 'TestFraction', 0.5);
    case 'two_body'
      d = struct ('Trajectories', 1000, 'Points', 50, 'TimeSpan', [0 20], ...
                  'Noise', 0, 'TestFraction', 0.2);
    case 'three_body'
      d = struct ('Trajectories', 5000, 'Points', 20, 'TimeSpan', [0 5], ...
                  'Noise', 0, 'TestFraction', 0.2);
    case 'henon_heiles'
      d = struct ('Trajectories', 100, 'Points', 50, 'TimeSpan', [0 10], ...
                  'Noise', 0, 'TestFraction', 0.2);
    otherwise
      d = struct ('Trajectories', 100, 'Points', 50, 'TimeSpan', [0 5], ...
                  'Noise', 0, 'TestFraction', 0.2);
  end
end

%!function G = fd_grad (f, X)
%!  % central differences of a K x 1 scalar function of K x d states
%!  G = zeros (size (X));
%!  for j = 1:size (X, 2)
%!    h = 1e-6 * max (1, abs (X(:, j)));
%!    Xp = X; Xp(:, j) = Xp(:, j) + h;
%!    Xm = X; Xm(:, j) = Xm(:, j) - h;
%!    G(:, j) = (f (Xp) - f (Xm)) ./ (2 * h);
%!  end
%!endfunction

%!test
%! % every Hamiltonian system's field is J grad H (minus friction)
%! names = {'spring', 'pendulum', 'two_body', 'three_body', 'henon_heiles', 'damped_spring'};
%! for i = 1:numel (names)
%!   sys = hlnn_system (names{i});
%!   X = sys.sample (5, i);
%!   n = sys.n;
%!   G = fd_grad (sys.H, X);
%!   want = [G(:, n+1:end), -G(:, 1:n)];
%!   if (sys.dissipative)
%!     want(:, n+1:end) = want(:, n+1:end) - sys.params(3) * G(:, n+1:end);
%!   end
%!   F = sys.field (X);
%!   err = max (abs (F(:) - want(:))) / max (abs (want(:)));
%!   assert (err < 1e-6, sprintf ('%s: rel err %g', names{i}, err));
%!   assert (sys.energy (X), sys.H (X));
%! end

%!test
%! % double pendulum: dL is the gradient of L, the acceleration solves
%! % Euler-Lagrange d/dt dL/dw = dL/dq (Jacobian of dL/dw by differences)
%! sys = hlnn_system ('double_pendulum', 'RateStd', 1);
%! X = sys.sample (6, 2);
%! dL = sys.dL (X);
%! G = fd_grad (sys.L, X);
%! assert (max (abs (dL(:) - G(:))) / max (abs (G(:))) < 1e-6);
%! F = sys.field (X);
%! lhs = zeros (6, 2);
%! for j = 1:4
%!   h = 1e-6 * max (1, abs (X(:, j)));
%!   Xp = X; Xp(:, j) = Xp(:, j) + h;
%!   Xm = X; Xm(:, j) = Xm(:, j) - h;
%!   D = (sys.dL (Xp) - sys.dL (Xm)) ./ (2 * h);
%!   lhs = lhs + D(:, 3:4) .* F(:, j);
%! end
%! rhs = dL(:, 1:2);
%! assert (max (abs (lhs(:) - rhs(:))) / max (abs (rhs(:))) < 1e-6);
%! assert (sys.accel (X), F(:, 3:4));

%!test
%! % samplers reproduce for a seed, differ across seeds, leave rand alone
%! names = {'spring', 'pendulum', 'double_pendulum', 'two_body', 'three_body', 'henon_heiles', 'damped_spring'};
%! for i = 1:numel (names)
%!   sys = hlnn_system (names{i});
%!   s0 = rand ('state');
%!   a = sys.sample (4, 11);
%!   assert (rand ('state'), s0);
%!   assert (isequal (a, sys.sample (4, 11)));
%!   assert (~isequal (a, sys.sample (4, 12)));
%!   assert (isequal (a(1:2, :), sys.sample (2, 11)));
%!   assert (size (a), [4 sys.d]);
%! end

%!test
%! % sampler ranges: spring radius, pendulum radius, Henon-Heiles energy
%! sys = hlnn_system ('spring', 'RadiusRange', [0.3 0.4]);
%! r = sqrt (sum (sys.sample (200, 1) .^ 2, 2));
%! assert (all (r >= 0.3 & r <= 0.4));
%! sys = hlnn_system ('henon_heiles');
%! E = sys.energy (sys.sample (200, 1));
%! assert (all (E >= 1/12 - 1e-12 & E <= 1/8 + 1e-12));

%!test
%! % two_body without orbit noise: circular, E = -G m1 m2 / (2 R), any masses
%! sys = hlnn_system ('two_body', 'OrbitNoise', 0, 'm1', 2, 'm2', 0.5, 'G', 1.5);
%! X = sys.sample (3, 5);
%! R = hypot (X(:, 1) - X(:, 2), X(:, 3) - X(:, 4));
%! assert (sys.energy (X), -1.5 * 2 * 0.5 ./ (2 * R), 1e-12);
%! % total momentum zero (centre-of-mass frame)
%! assert (X(:, 5) + X(:, 6), zeros (3, 1), 1e-14);

%!test
%! sys = hlnn_system ('pendulum', 'g', 9.8, 'm', 1);
%! assert (sys.params, [1 1 9.8]);
%! assert (sys.H ([0.3 0.2]), 0.02 + 9.8 * (1 - cos (0.3)), 1e-15);
%! assert (sys.separable);
%! assert (~hlnn_system ('damped_spring').separable);
%! assert (hlnn_system ('two_body').state_names{5}, 'px1');

%!error <NAME must be one of> hlnn_system ('spring2')
%!error <unknown option 'q'> hlnn_system ('spring', 'q', 1)
%!error <invalid parameters> hlnn_system ('spring', 'm', -1)
%!error <escape energy> hlnn_system ('henon_heiles', 'EnergyRange', [0.1 0.2])
%!error <RadiusRange> hlnn_system ('spring', 'RadiusRange', [1 0.5])
%!error <Invalid call> hlnn_system ()

%!demo
%! sys = hlnn_system ('pendulum');
%! X0 = sys.sample (5, 1);
%! disp ([X0, sys.energy(X0)])
