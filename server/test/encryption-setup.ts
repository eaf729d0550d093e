// Every test file runs with the fixed test key installed (vitest setupFiles); a test that needs
// another key ring installs its own.
import { installTestKeyring } from './encryption-key.ts'

installTestKeyring()
