% -*- texinfo -*-
% @deftypefn {hlnn} {} test_hnn_spring ()
% Integration test (issue 3): the HNN paper's mass-spring experiment,
% exactly as examples/spring_hnn.m runs it (examples/spring_hnn_run.m).
% Over seeds 1, 2, 3 the HNN's energy MSE of ode45 rollouts from held-out
% initial states over t in [0, 20] must be below the MLP baseline's on
% every seed, with a median ratio baseline/HNN of at least 10.  Takes a
% few minutes: 3 x 2 x 2000 training steps of 200-wide networks.
% @end deftypefn
function test_hnn_spring ()
end

%!test
%! here = fileparts (which ('test_hnn_spring'));
%! addpath (fullfile (here, '..', '..', 'examples'));
%! seeds = [1 2 3];
%! ratios = zeros (size (seeds));
%! below = false (size (seeds));
%! for i = 1:numel (seeds)
%!   r = spring_hnn_run (seeds(i));
%!   printf ('  seed %d: HNN train %.4e test %.4e energy %.3e (%.1f s) | baseline train %.4e test %.4e energy %.3e (%.1f s) | ratio %.1f | floor %.1e\n', ...
%!           r.seed, r.hnn.train_loss, r.hnn.test_loss, r.hnn.energy_mse, ...
%!           r.hnn.train_seconds, r.mlp.train_loss, r.mlp.test_loss, ...
%!           r.mlp.energy_mse, r.mlp.train_seconds, r.ratio, r.floor.energy_mse);
%!   ratios(i) = r.ratio;
%!   below(i) = r.hnn.energy_mse < r.mlp.energy_mse;
%!   % both models trained: the field error is at the level the input noise
%!   % (sd 0.1 on states whose field has gain 2) allows, not at the start's
%!   assert (r.hnn.train_loss < 0.06 && r.mlp.train_loss < 0.06);
%!   % the rollouts measure the models, not the integrator: the true field
%!   % through the same evaluation stays far below either model
%!   assert (r.floor.energy_mse < 1e-12);
%! end
%! printf ('  median energy MSE ratio baseline/HNN %.1f\n', median (ratios));
%! assert (all (below));
%! assert (median (ratios) >= 10);
