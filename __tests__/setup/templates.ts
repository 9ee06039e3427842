// Unit tests call the pure engine directly: register Handlebars for them as the steps do on demand
// (the bundles' own lazy loading is covered by __tests__/dist/bundles.test.ts).
import Handlebars from 'handlebars/dist/handlebars.min.js';
import { useTemplateCompiler, type TemplateCompiler } from '../../src/core/template.js';

useTemplateCompiler(Handlebars as unknown as TemplateCompiler);

// …and the linear-time regular-expression engine for `type=match` / `match=` patterns
import { RE2JS } from 're2js';
import { usePatternEngine } from '../../src/core/pattern.js';

usePatternEngine(RE2JS);
