% mlp_sine.m -- the MLP baseline learns y = sin(x) on [-pi, pi].
%
% Trains a 1-32-32-1 tanh network with Adam, reports train and validation
% MSE, compares mlp_predict with a forward pass written in plain Octave,
% and writes examples/figures/mlp_sine.png.
x = linspace (-pi, pi, 256)';
xv = (rand (200, 1) * 2 - 1) * pi;   % validation points off the grid
model = mlp_create ([1 32 32 1], 'Activation', 'tanh', 'Seed', 1);
model = mlp_train (model, x, sin (x), 'Steps', 3000, 'LearningRate', 3e-3, ...
                   'Validation', {xv, sin(xv)});
y = mlp_predict (model, x);
printf ('train MSE %.3e   validation MSE %.3e\n', mean ((y - sin (x)).^2), ...
        mean ((mlp_predict (model, xv) - sin (xv)).^2));
fig = figure ('visible', 'off');
subplot (1, 2, 1);
plot (x, sin (x), 'k-', x, y, 'r--');
legend ('sin x', 'MLP'); xlabel ('x'); title ('fit');
subplot (1, 2, 2);
semilogy (model.history.step, model.history.loss);
xlabel ('step'); ylabel ('training MSE'); title ('loss');
out = fullfile (fileparts (mfilename ('fullpath')), 'figures', 'mlp_sine.png');
print (fig, out, '-dpng', '-r80');
printf ('wrote %s\n', out);
