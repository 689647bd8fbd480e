% -*- texinfo -*-
% @deftypefn {hlnn} {[@var{Xs}, @var{stats}] =} hlnn_rollout_mex (@dots{})
% Batched rollout of a model or analytic system (behind hlnn_rollout).
%
% Internal MEX gateway (source: src/mex/hlnn_rollout_mex.c); call the documented
% functions instead.  This file only carries the help text and reports a
% missing build.
% @end deftypefn
function varargout = hlnn_rollout_mex (varargin)
  error ('hlnn:mex:missing', 'hlnn_rollout_mex: the compiled MEX file is missing; reinstall or rebuild hlnn');
end
