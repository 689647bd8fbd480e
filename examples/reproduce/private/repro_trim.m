% -*- texinfo -*-
% @deftypefn {hlnn} {@var{r} =} repro_trim (@var{r})
% A task result cut to the seeds it completed (@code{r.seeds_done}, set
% after every seed), with the settings' seed count and deviations to
% match: a run stopped early reports what it did, as what it did.
% @end deftypefn
function r = repro_trim (r)
  if (~isfield (r, 'seeds_done') || r.seeds_done == r.settings.seeds)
    return;
  end
  n = r.seeds_done;
  for f = fieldnames (r)'
    v = r.(f{1});
    if (isnumeric (v) && size (v, 1) == r.settings.seeds && ~strcmp (f{1}, 'seeds_done'))
      r.(f{1}) = v(1:n,:);
    end
  end
  r.settings.deviations{end+1} = sprintf (['stopped after %d of %d planned ' ...
                                           'seeds (time limit)'], n, r.settings.seeds);
  r.settings.seeds = n;
end
