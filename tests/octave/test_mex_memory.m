% -*- texinfo -*-
% @deftypefn {hlnn} {} test_mex_memory ()
% Regression test: returning a model from the training gateway must not
% leak the fields it replaces.  mxSetField does not free the old value;
% before hlnn_mex_set_field every chunk leaked the model's weights and
% optimizer moments (about 1.6 MB for a 2-200-200 network), which made a
% 2000-step run under load take gigabytes.  Linux only (/proc).
% @end deftypefn
function test_mex_memory ()
end

%!testif ; exist ('/proc/self/statm', 'file')
%! rss = @() sscanf (fileread ('/proc/self/statm'), '%d', 2)(2) * 4096 / 2^20;
%! X = randn (100, 2);  Y = [X(:,2), -X(:,1)];
%! cfg = struct ('steps', 1, 'batch', 100, 'lr', 1e-3, 'optimizer', 'adam', ...
%!               'beta1', 0.9, 'beta2', 0.999, 'eps', 1e-8, 'momentum', 0, ...
%!               'weight_decay', 0, 'clip_norm', 0, 'seed', 1);
%! models = {mlp_create([2 200 200 2]), ...
%!           hnn_create(1, [200 200], 'Dissipation', 'learned')};
%! for k = 1:numel (models)
%!   m = hlnn_train_mex (models{k}, X, Y, cfg);
%!   r0 = rss ();
%!   for i = 1:300
%!     m = hlnn_train_mex (m, X, Y, cfg);
%!   end
%!   growth = rss () - r0;
%!   printf ('  %s: RSS grew %.1f MB over 300 chunk calls\n', m.kind, growth);
%!   assert (growth < 50);   % the leak was about 470 MB here
%! end
