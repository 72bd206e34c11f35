document.getElementById('app')?.append('console');
