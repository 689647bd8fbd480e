% -*- texinfo -*-
% @deftypefn {hlnn} {[@var{model}, @var{losses}, @var{info}] =} hlnn_train_mex (@dots{})
% Run a chunk of optimizer steps on a model (behind mlp_train, hnn_train, lnn_train).
%
% Internal MEX gateway (source: src/mex/hlnn_train_mex.c); call the documented
% functions instead.  This file only carries the help text and reports a
% missing build.
% @end deftypefn
function varargout = hlnn_train_mex (varargin)
  error ('hlnn:mex:missing', 'hlnn_train_mex: the compiled MEX file is missing; reinstall or rebuild hlnn');
end
