document.getElementById('app')?.append('timeline');
