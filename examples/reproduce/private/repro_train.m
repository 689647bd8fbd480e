% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{model} =} repro_train (@var{make}, @var{train}, @var{val}, @var{s}, @var{seed})
% @deftypefnx {hlnn} {@var{model} =} repro_train (@dots{}, @var{admissible})
% Train one model of a reproduction task through the learning-rate
% phases @code{s.schedule} (rows @code{[steps lr]}; each phase continues
% the last, Adam's moments and step count kept).  @var{make} (an init
% seed) returns a fresh model, @var{train} (model, options cell) trains
% it on the task's training set and @var{val} is that training set in the
% form of the @qcode{'Validation'} option.
%
% With @code{s.candidates} > 1 the first @code{s.select_steps} steps are
% taken from that many initialisations (init and minibatch seeds
% @var{seed}, @var{seed} + 100, ...), and one of them goes on.  With
% @var{admissible} (a model's fraction of training states where it is
% physically admissible, in [0, 1]) the candidates admissible on at
% least 99 % of them come first, then the lowest loss on the training
% set; while none is admissible, a fresh batch of as many is drawn (seeds
% continuing the sequence), up to @code{s.select_batches} batches, and
% then the most admissible of all wins.  A candidate that diverges
% keeps its last finite step but ranks after every one that did not
% (going on from there it would diverge again at once).  With @code{s.keep_every} > 0 the last phase
% keeps the model of the lowest training-set loss among every
% @code{s.keep_every}-th step (@qcode{'KeepBest'}) instead of the last
% step's.  Both rules look at the training set only, never the test set.
% @end deftypefn
function model = repro_train (make, train, val, s, seed, admissible)
  if (nargin < 6)
    admissible = @(m) 1;
  end
  sched = s.schedule;
  base = {'Batch', s.batch, 'WeightDecay', s.wd, 'Verbose', false};
  model = [];
  if (s.candidates > 1)
    best = [Inf Inf Inf];   % [diverged, inadmissible share (0 from 99 %), loss]
    for batch = 1:s.select_batches
      score = Inf (s.candidates, 3);
      for c = 1:s.candidates
        k = seed + 100 * (s.candidates * (batch - 1) + c - 1);
        % KeepBest: a candidate that diverges is still validated, at its
        % last finite step
        m = train (make (k), [base, {'Steps', s.select_steps, 'LearningRate', sched(1,2), ...
                   'Seed', k, 'Validation', val, 'ValidateEvery', s.select_steps, ...
                   'KeepBest', true}]);
        a = admissible (m);
        score(c,:) = [~isempty(m.history.diverged_at), (a < 0.99) * (1 - a), ...
                      m.history.val_loss(end)];
        if (isfinite (score(c,3)) && lex_less (score(c,:), best))
          best = score(c,:);
          model = m;
        end
      end
      fprintf ('    candidates %s at step %d: training loss %s, inadmissible share %s, diverged %s\n', ...
               mat2str (seed + 100 * (s.candidates * (batch - 1) + (0:s.candidates-1))), ...
               s.select_steps, mat2str (score(:,3)', 4), mat2str (score(:,2)', 3), ...
               mat2str (score(:,1)'));
      if (best(1) == 0 && best(2) == 0)
        break;
      end
    end
    if (isempty (model))
      error ('repro:train', 'repro_train: no initialisation of seed %d has a finite loss', seed);
    end
    % a candidate kept before its last step continues from there
    sched(1,1) = sched(1,1) - model.opt.step;
  else
    model = make (seed);
  end
  seed = model.opt.seed;
  last = rows (sched);
  for k = 1:last
    opts = [base, {'Steps', sched(k,1), 'LearningRate', sched(k,2), 'Seed', seed}];
    if (k == last && s.keep_every > 0)
      opts = [opts, {'Validation', val, 'ValidateEvery', s.keep_every, 'KeepBest', true}];
    end
    if (sched(k,1) > 0)
      model = train (model, opts);
    end
  end
end

% a before b in the order of their first differing entry
function tf = lex_less (a, b)
  k = find (a ~= b, 1);
  tf = ~isempty (k) && a(k) < b(k);
end
